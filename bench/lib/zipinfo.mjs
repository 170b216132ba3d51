// Reads a zip's central directory (no inflating) to size the sheet XML of an
// XLSX: the sum of the uncompressed sizes of xl/worksheets/*.xml. This is the
// byte count every engine's MB/s figure is computed from.
import fs from 'node:fs';

export function listZipEntries(buf) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22.
  const minEocd = Math.max(0, buf.length - 0xffff - 22);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  // Zip64 end of central directory locator, just before the EOCD.
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 &&
      buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (buf.readUInt32LE(z64) !== 0x06064b50) throw new Error('bad zip64 end of central directory');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  const entries = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry #${n}`);
    const method = buf.readUInt16LE(p + 10);
    let compressed = buf.readUInt32LE(p + 20);
    let uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 extended information extra field (0x0001): uncompressed, compressed, ...
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) { uncompressed = Number(buf.readBigUInt64LE(q)); q += 8; }
        if (compressed === 0xffffffff) { compressed = Number(buf.readBigUInt64LE(q)); q += 8; }
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressed, uncompressed });
    p = eEnd + commentLen;
  }
  return entries;
}

export function xlsxSheetStats(file) {
  const buf = fs.readFileSync(file);
  const entries = listZipEntries(buf);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  const sst = entries.find((e) => /^xl\/sharedStrings\.xml$/i.test(e.name));
  return {
    input_bytes: buf.length,
    sheet_xml_bytes: sheets.reduce((s, e) => s + e.uncompressed, 0),
    sheet_count: sheets.length,
    shared_strings_bytes: sst ? sst.uncompressed : 0,
    uncompressed_total_bytes: entries.reduce((s, e) => s + e.uncompressed, 0),
    entries: entries.length,
  };
}
