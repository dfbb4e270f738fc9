// countries-and-timezones ships its zone table as one JSON text, every entry an object with
// one-letter keys (`"Asia/Calcutta":{"a":"Asia/Kolkata","c":["IN"],"r":1}`): about 6,400 B of
// functions.js's gzip. This loader writes the same table as rows of comma-separated fields
// (`Asia/Calcutta,,,Asia/Kolkata,IN`) and the few lines that rebuild it as the library loads:
// the same names in the same order, each entry with the same keys in the same order and the same
// values, which the loader checks against the original before it hands anything over.
// If the library's source no longer has the table in this form, the build fails here.
const TABLE = /timezones: \/\* @__PURE__ \*\/ JSON\.parse\(("(?:[^"\\]|\\.)*")\)/;
/** The keys an entry may have, in the order the library's table gives them. */
const KEYS = ["u", "d", "a", "c", "r"];

/** Rebuilds the table from its rows; emitted into the bundle as it is written here. */
function zoneTable(rows) {
  const table = {};
  for (const row of rows.split("|")) {
    const [name, u, d, a, c] = row.split(",");
    const zone = (table[name] = {});
    if (u) zone.u = +u;
    if (d) zone.d = +d;
    if (a) zone.a = a;
    if (c) zone.c = c.split(" ");
    // An entry is deprecated exactly when it is an alias (checked in rowsOf).
    if (a) zone.r = 1;
  }
  return table;
}

/** The table as rows; throws for any entry the rows could not give back exactly. */
function rowsOf(table) {
  const rows = Object.entries(table).map(([name, zone]) => {
    const keys = Object.keys(zone).join("");
    const expected = KEYS.filter((k) => zone[k] !== undefined).join("");
    if (keys !== expected || (zone.a === undefined) !== (zone.r === undefined) || (zone.r !== undefined && zone.r !== 1) || /[,| ]/.test(name))
      throw new Error(`zone-data-loader: countries-and-timezones' entry ${name} (${JSON.stringify(zone)}) does not fit the rows`);
    return [name, zone.u ?? "", zone.d ?? "", zone.a ?? "", (zone.c ?? []).join(" ")].join(",").replace(/,+$/, "");
  });
  return rows.join("|");
}

module.exports = function zoneDataLoader(source) {
  const match = TABLE.exec(source);
  if (!match) throw new Error("zone-data-loader: countries-and-timezones no longer holds its zone table as JSON.parse(\"...\"); update scripts/zone-data-loader.js");
  const text = JSON.parse(match[1]);
  const rows = rowsOf(JSON.parse(text));
  if (JSON.stringify(zoneTable(rows)) !== text) throw new Error("zone-data-loader: the rows do not give back countries-and-timezones' zone table");
  return source.replace(TABLE, () => `timezones: /* @__PURE__ */ (${zoneTable.toString()})(${JSON.stringify(rows)})`);
};
module.exports.zoneTable = zoneTable;
module.exports.rowsOf = rowsOf;
