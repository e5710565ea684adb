/** @type {import('next').NextConfig} */
const nextConfig = { serverExternalPackages: ["isolated-vm"] };
export default nextConfig;
