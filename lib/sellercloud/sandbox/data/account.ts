/**
 * The sandbox tenant's fixed account setup: its companies (one disabled) and the shipping carriers
 * with the services each accepts.
 */

export interface SandboxCompany {
  ID: number;
  CompanyName: string;
  IsDefaultCompany: boolean;
  IsDisabled: boolean;
}

export const SANDBOX_COMPANIES: readonly SandboxCompany[] = [
  { ID: 1, CompanyName: "Conduit Demo Co", IsDefaultCompany: true, IsDisabled: false },
  { ID: 2, CompanyName: "Northwind Outdoor", IsDefaultCompany: false, IsDisabled: false },
  { ID: 3, CompanyName: "Legacy Imports (disabled)", IsDefaultCompany: false, IsDisabled: true },
];

export const SANDBOX_CARRIERS: Readonly<Record<string, readonly string[]>> = {
  UPS: ["UPS Ground", "UPS 3 Day Select", "UPS 2nd Day Air", "UPS Next Day Air"],
  FedEx: ["FedEx Ground", "FedEx Home Delivery", "FedEx 2Day", "FedEx Standard Overnight"],
  USPS: ["USPS Ground Advantage", "USPS First Class Mail", "USPS Priority Mail", "USPS Priority Mail Express"],
  DHL: ["DHL Express Worldwide", "DHL eCommerce Ground"],
  Other: ["Other"],
};

export function companyName(id: number): string {
  return SANDBOX_COMPANIES.find((c) => c.ID === id)?.CompanyName ?? `Company ${id}`;
}
