/** Sandbox area "companies": GET /api/Companies (filter by companyID and keyword, paged). */
import { json } from "../exchange";
import type { SandboxArea } from "./area";

export const companiesArea: SandboxArea = {
  name: "companies",
  routes: [
    {
      method: "GET",
      path: "/api/Companies",
      handle({ state, query: q }) {
        const ids = q.ints("companyID");
        const keyword = q.one("keyword")?.toLowerCase();
        const list = state
          .companies()
          .filter(
            (c) => (!ids.length || ids.includes(c.ID)) && (!keyword || c.CompanyName.toLowerCase().includes(keyword)),
          );
        const { pageNumber, pageSize } = q.paging();
        const start = (pageNumber - 1) * pageSize;
        return json(200, {
          Items: list.slice(start, start + pageSize).map((c) => ({
            ...c,
            AmazonMarketplace: "",
            CustomColumns: [],
            EnabledOnChannels: [4, 6],
            ScheduledTasksCount: 0,
          })),
          TotalResults: list.length,
        });
      },
    },
  ],
};
