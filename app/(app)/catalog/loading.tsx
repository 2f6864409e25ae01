/** What the Catalog page shows while it loads. */

export default function CatalogLoading() {
  return (
    <p role="status" className="py-12 text-center text-sm text-slate-600">
      Loading the catalog…
    </p>
  );
}
