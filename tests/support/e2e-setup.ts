/**
 * Before the browser tests: make sure Chromium is installed (Debian's package; Playwright's
 * own download cannot work offline) and build the production app once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "./browser.ts";

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  process.stderr.write("Installing Debian's chromium for the browser tests…\n");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** The production build the servers run; EPOCH_SKIP_BUILD=1 reuses an existing one. */
export function buildApp(): void {
  if (process.env.EPOCH_SKIP_BUILD === "1" && existsSync(".next/BUILD_ID")) return;
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

export default function setup(): void {
  ensureChromium();
  buildApp();
}
