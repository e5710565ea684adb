/** Builds a small pure-Python wheel (an uncompressed zip with its .dist-info) for tests. */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface BuiltWheel {
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The package's entry for a pyodide-lock.json. */
  readonly lockEntry: Record<string, unknown>;
}

/** A wheel for `module` whose `__init__.py` is `source`. */
export function buildWheel(module: string, version: string, source: string): BuiltWheel {
  const distInfo = `${module}-${version}.dist-info`;
  const files: Record<string, string> = {
    [`${module}/__init__.py`]: source,
    [`${distInfo}/METADATA`]: `Metadata-Version: 2.1\nName: ${module}\nVersion: ${version}\n`,
    [`${distInfo}/WHEEL`]: "Wheel-Version: 1.0\nGenerator: epoch-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  const record = Object.entries(files).map(([name, text]) => `${name},sha256=${createHash("sha256").update(text).digest("base64url")},${Buffer.byteLength(text)}`);
  files[`${distInfo}/RECORD`] = [...record, `${distInfo}/RECORD,,`].join("\n") + "\n";
  const fileName = `${module}-${version}-py3-none-any.whl`;
  const bytes = zip(files);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const name = module.replaceAll("_", "-");
  return {
    fileName,
    bytes,
    sha256,
    lockEntry: { name, version, file_name: fileName, install_dir: "site", sha256, package_type: "package", imports: [module], depends: [] },
  };
}
