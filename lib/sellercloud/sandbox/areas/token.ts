/**
 * Sandbox area "token": POST /api/token, SellerCloud's login. Username (any case) and password
 * must match the tenant's; the answer is an OAuth-style bearer token body.
 */
import { json } from "../exchange";
import type { Json } from "../wire-format";
import type { SandboxArea } from "./area";

export const tokenArea: SandboxArea = {
  name: "token",
  routes: [
    {
      method: "POST",
      path: "/api/token",
      public: true,
      handle({ state, body }) {
        const record = body && typeof body === "object" ? (body as Json) : {};
        const field = (name: string) => {
          const key = Object.keys(record).find((k) => k.toLowerCase() === name);
          return key === undefined ? undefined : record[key];
        };
        const username = field("username");
        const password = field("password");
        const errors: Record<string, string[]> = {};
        if (typeof username !== "string" || !username) errors["model.Username"] = ["The Username field is required."];
        if (typeof password !== "string" || !password) errors["model.Password"] = ["The Password field is required."];
        if (Object.keys(errors).length) return json(400, { Message: "The request is invalid.", ModelState: errors });
        const { username: expectedUser, password: expectedPassword } = state.config;
        // SellerCloud's answer to bad credentials is undocumented; this is a plausible shape.
        if (String(username).toLowerCase() !== expectedUser.toLowerCase() || password !== expectedPassword) {
          return json(401, { Message: "Invalid username or password." });
        }
        const issued = state.issueToken(String(username));
        return json(200, {
          access_token: issued.token,
          token_type: "bearer",
          username,
          expires_in: issued.expiresIn,
          ".issued": new Date(issued.issuedAt).toUTCString(),
          ".expires": new Date(issued.issuedAt + issued.expiresIn * 1000).toUTCString(),
        });
      },
    },
  ],
};
