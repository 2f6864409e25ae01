"use client";

/** The signed-in member's role in the browser: RoleProvider, useCan and IfCan hide what the role may not do. */

import { createContext, type ReactNode, useContext } from "react";
import type { Capability, Role } from "@/lib/members/permissions";

/**
 * The signed-in user's role in the current workspace, for hiding what the role cannot use
 * (lib/members/permissions.ts). A courtesy only: every action and route checks on the server.
 */
const RoleContext = createContext<{ role: Role; capabilities: readonly Capability[] } | null>(null);

export function RoleProvider({
  role,
  capabilities,
  children,
}: {
  role: Role;
  capabilities: readonly Capability[];
  children: ReactNode;
}) {
  return <RoleContext.Provider value={{ role, capabilities }}>{children}</RoleContext.Provider>;
}

/**
 * Whether the current role has `capability`. Outside a RoleProvider (a component rendered on its
 * own, as in tests) everything is shown: the server still refuses what the role may not do.
 */
export function useCan(capability: Capability): boolean {
  const value = useContext(RoleContext);
  return value ? value.capabilities.includes(capability) : true;
}

/** Renders `children` only for a role with `capability`. */
export function IfCan({ capability, children }: { capability: Capability; children: ReactNode }): ReactNode {
  return useCan(capability) ? children : null;
}
