/** Deterministic customers of generated orders: first and last names, streets, US and foreign places, addresses. */

import { pick } from "../identifiers";
import type { Json } from "../wire-format";

export const FIRST_NAMES = [
  "Dana",
  "Alex",
  "Jordan",
  "Sam",
  "Riley",
  "Morgan",
  "Casey",
  "Taylor",
  "Jamie",
  "Avery",
  "Quinn",
  "Parker",
];
export const LAST_NAMES = [
  "Whitfield",
  "Nguyen",
  "Garcia",
  "Okafor",
  "Schmidt",
  "Patel",
  "Kowalski",
  "Martin",
  "Rossi",
  "Haddad",
  "Larsen",
  "Brooks",
];
export const STREETS = [
  "Birchwood Ave",
  "Maple St",
  "High St",
  "Lakeview Dr",
  "Cedar Ln",
  "Elm Ct",
  "Pine Ridge Rd",
  "Harbor Way",
];
export const US_PLACES: readonly [string, string, string, string][] = [
  ["Columbus", "OH", "Ohio", "43215"],
  ["Austin", "TX", "Texas", "78701"],
  ["Denver", "CO", "Colorado", "80202"],
  ["Portland", "OR", "Oregon", "97205"],
  ["Brooklyn", "NY", "New York", "11201"],
  ["Raleigh", "NC", "North Carolina", "27601"],
  ["Madison", "WI", "Wisconsin", "53703"],
  ["Tampa", "FL", "Florida", "33602"],
];
export const FOREIGN_PLACES: readonly [string, string, string, string, string, string][] = [
  ["Toronto", "ON", "Ontario", "M5V 2T6", "CA", "Canada"],
  ["Manchester", "", "", "M1 1AE", "GB", "United Kingdom"],
  ["Berlin", "", "", "10115", "DE", "Germany"],
];

export function address(rng: () => number, first: string, last: string, email: string | null): Json {
  const foreign = rng() < 0.08 ? pick(rng, FOREIGN_PLACES) : null;
  const us = pick(rng, US_PLACES);
  const [city, stateCode, stateName, postal] = foreign ?? us;
  return {
    ID: 0,
    FirstName: first,
    MiddleInitial: "",
    LastName: last,
    CompanyName: rng() < 0.2 ? `${last} Design` : "",
    StreetLine1: `${Math.floor(rng() * 9000 + 100)} ${pick(rng, STREETS)}`,
    StreetLine2: rng() < 0.25 ? `Apt ${Math.floor(rng() * 40 + 1)}${pick(rng, ["A", "B", "C"])}` : "",
    City: city,
    StateCode: stateCode,
    StateName: stateName,
    PostalCode: postal,
    CountryCode: foreign ? foreign[4] : "US",
    CountryName: foreign ? foreign[5] : "United States",
    PhoneNumber: `${Math.floor(rng() * 800 + 200)}-555-${String(Math.floor(rng() * 10000)).padStart(4, "0")}`,
    HomePhone: "",
    FaxNumber: "",
    EmailAddress: email ?? "",
    AddressClassification: rng() < 0.8 ? 1 : 2,
    IsShippingAddress: false,
    IsBillingAddress: false,
  };
}
