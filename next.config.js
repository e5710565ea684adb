// Validate the environment when the server starts, not at the first request that needs it.
import { env } from "./config.ts";

env();

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Responses are small JSON and HTML; compression belongs to the reverse proxy, not to the
  // process that also answers every Run and Submit.
  compress: false,
  // Student code never runs in the web server; if the grader is ever imported here by mistake,
  // isolated-vm must at least not be bundled.
  serverExternalPackages: ["isolated-vm"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
