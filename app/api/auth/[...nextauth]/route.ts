import { handlers } from "../../../_server/auth.ts";

export const { GET, POST } = handlers;
