"use client";

/** The source fields the template editor's pickers offer (Get Orders: SellerCloud's order; Sync Orders: a shipment). */

import { createContext, type ReactNode, useContext, useMemo } from "react";
import {
  buildSourceCatalog,
  GET_ORDERS_SOURCE_CATALOG,
  type SourceCatalog,
  type SourceNode,
} from "@/lib/mapping/source-fields";

/**
 * The source fields the editor's pickers offer. Get Orders reads SellerCloud's order; Sync Orders
 * reads Conduit's order and shipment. The editor provides it from its `sourceTree` prop, so the
 * rows and pickers stay the same for every template kind.
 */
interface SourceCatalogValue {
  catalog: SourceCatalog;
  /** Whose fields these are, for labels: "SellerCloud" or "Conduit". */
  sourceName: string;
}

const SourceCatalogContext = createContext<SourceCatalogValue>({
  catalog: GET_ORDERS_SOURCE_CATALOG,
  sourceName: "SellerCloud",
});

export function SourceCatalogProvider({
  tree,
  sourceName,
  children,
}: {
  /** Absent: Get Orders' SellerCloud fields. */
  tree?: SourceNode[];
  sourceName: string;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ catalog: tree ? buildSourceCatalog(tree) : GET_ORDERS_SOURCE_CATALOG, sourceName }),
    [tree, sourceName],
  );
  return <SourceCatalogContext.Provider value={value}>{children}</SourceCatalogContext.Provider>;
}

export function useSourceCatalog(): SourceCatalogValue {
  return useContext(SourceCatalogContext);
}
