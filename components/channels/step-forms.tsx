"use client";

/**
 * The wizard's step forms as step-content.tsx renders them: each loads with its own step (next/dynamic,
 * rendered on the server as before), so a step page carries one form's code (with zod and
 * react-hook-form) instead of all eleven forms' in its first-load JavaScript.
 */

import dynamic from "next/dynamic";

export const DetailsForm = dynamic(() => import("./details-form").then((m) => m.DetailsForm));
export const IntegrationForm = dynamic(() => import("./integration-form").then((m) => m.IntegrationForm));
export const ConnectForm = dynamic(() => import("./connect-form").then((m) => m.ConnectForm));
export const OperationsForm = dynamic(() => import("./operations-form").then((m) => m.OperationsForm));
export const ListingsForm = dynamic(() => import("./listings-form").then((m) => m.ListingsForm));
export const PricingForm = dynamic(() => import("./pricing-form").then((m) => m.PricingForm));
export const LinkSettingsForm = dynamic(() => import("./link-settings-form").then((m) => m.LinkSettingsForm));
export const ShippingForm = dynamic(() => import("./shipping-form").then((m) => m.ShippingForm));
export const OrdersForm = dynamic(() => import("./orders-form").then((m) => m.OrdersForm));
export const SchedulesForm = dynamic(() => import("./schedules-form").then((m) => m.SchedulesForm));
