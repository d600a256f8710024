// Generates the welcome notebook's sample data next to this script:
//   trips.csv        synthetic city bike trips (DuckDB)
//   stations.sqlite  the stations and neighbourhoods those trips use (SQLite)
//   manifest.json    what the app loads, into which engine, under which table name
// Run: node public/datasets/make-datasets.mjs
// Deterministic (seeded PRNG, fixed dates) and offline; the data is synthetic, see LICENSE.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { prng } from '../../bench/prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TRIPS = 5000;
const FIRST_DAY = Date.UTC(2024, 5, 1); // June 2024: 30 days, weekdays and weekends
const DAYS = 30;

const rand = prng(42);
const normal = (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const pick = (items, weights) => {
  let r = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
};

// A fictional city: neighbourhood centres are offsets in km from an arbitrary origin.
const ORIGIN = { lat: 52.09, lon: 5.12 };
const NEIGHBOURHOODS = [
  { name: 'Old Town', dx: 0, dy: 0, area_km2: 2.1, residents: 18400, stations: ['Market Square', 'Cathedral', 'Town Hall', 'Guild Street'] },
  { name: 'Harbourside', dx: 2.4, dy: -1.1, area_km2: 3.4, residents: 12900, stations: ['Pier Head', 'Lighthouse', 'Ferry Terminal', 'Boat Yard'] },
  { name: 'Riverside', dx: -1.8, dy: -1.6, area_km2: 4.0, residents: 22100, stations: ['Mill Lane', 'Weir Bridge', 'River Park', 'Boathouse'] },
  { name: 'University', dx: -0.6, dy: 2.3, area_km2: 3.1, residents: 15700, stations: ['Library', 'Science Park', 'Student Union', 'Hospital'] },
  { name: 'Parkview', dx: 2.1, dy: 2.6, area_km2: 5.2, residents: 26300, stations: ['Rose Garden', 'Zoo Gate', 'Lakeside', 'Observatory'] },
  { name: 'Docklands', dx: 0.9, dy: -2.8, area_km2: 3.7, residents: 9800, stations: ['Canal Basin', 'Warehouse Row', 'Tech Hub', 'Central Station'] },
];
const KM_PER_DEG_LAT = 111.32;
const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

function makeStations() {
  const stations = [];
  for (const [index, n] of NEIGHBOURHOODS.entries()) {
    for (const name of n.stations) {
      const x = n.dx + normal(0, 0.45);
      const y = n.dy + normal(0, 0.45);
      // Busier names get bigger docks; capacity also drives how often a station is used.
      const busy = /Station|Square|Terminal|Union|Hub/.test(name);
      const capacity = 5 * Math.round((busy ? 40 : 20) / 5 + rand() * 3);
      stations.push({
        name,
        neighbourhood: n.name,
        neighbourhoodId: index + 1,
        capacity,
        lat: Number((ORIGIN.lat + y / KM_PER_DEG_LAT).toFixed(5)),
        lon: Number((ORIGIN.lon + x / kmPerDegLon).toFixed(5)),
        x,
        y,
      });
    }
  }
  return stations;
}

const pad = (n) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD HH:MM:SS', which DuckDB's CSV sniffer reads as TIMESTAMP. */
const stamp = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** Members commute at the rush hours on weekdays; everyone else rides in the afternoon. */
function startTime(member) {
  const day = Math.floor(rand() * DAYS);
  const weekday = ((new Date(FIRST_DAY).getUTCDay() + day) % 7) % 6 !== 0;
  const commute = member && weekday && rand() < 0.7;
  const peak = commute ? (rand() < 0.5 ? 8 : 17.5) : 14.5;
  // Redraw rather than clamp, so no pile of trips sits exactly at opening or closing time.
  let hour;
  do hour = normal(peak, commute ? 0.9 : 3);
  while (hour < 5.5 || hour > 23.5);
  const seconds = Math.round(hour * 3600);
  return FIRST_DAY + day * 86_400_000 + seconds * 1000;
}

function makeTrip(stations) {
  const member = rand() < 0.62;
  const electric = rand() < 0.35;
  const start = pick(stations, stations.map((s) => s.capacity));
  // Most trips go somewhere nearby; casual riders more often loop back to where they started.
  const roundTrip = rand() < (member ? 0.04 : 0.18);
  const end = roundTrip ? start : pick(stations, stations.map((s) => (s === start ? 0 : s.capacity * Math.exp(-Math.hypot(s.x - start.x, s.y - start.y) / 2.5))));
  const straight = Math.hypot(end.x - start.x, end.y - start.y);
  const distance = roundTrip ? 1.5 + rand() * 5 : straight * (1.25 + rand() * 0.3);
  const speed = clamp(normal(electric ? 19 : 14, 2.5), 7, 28) * (member ? 1 : 0.85);
  const minutes = (distance / speed) * 60 + 1 + rand() * 3;
  const startedAt = startTime(member);
  return {
    startedAt,
    endedAt: startedAt + Math.round(minutes * 60) * 1000,
    duration: minutes.toFixed(1),
    start: start.name,
    end: end.name,
    member: member ? 'member' : 'casual',
    bike: electric ? 'electric' : 'classic',
    distance: distance.toFixed(2),
  };
}

const TRIP_COLUMNS = ['trip_id', 'started_at', 'ended_at', 'duration_min', 'start_station', 'end_station', 'member_type', 'bike_type', 'distance_km'];

function writeTrips(stations) {
  const trips = Array.from({ length: TRIPS }, () => makeTrip(stations)).sort((a, b) => a.startedAt - b.startedAt);
  const lines = trips.map((t, i) => [i + 1, stamp(t.startedAt), stamp(t.endedAt), t.duration, t.start, t.end, t.member, t.bike, t.distance].join(','));
  writeFileSync(join(here, 'trips.csv'), [TRIP_COLUMNS.join(','), ...lines].join('\n') + '\n');
  return trips.length;
}

async function writeStations(SQL, stations) {
  const db = new SQL.Database();
  // 1 KB pages keep a 30-row database around 10 KB.
  db.run(`PRAGMA page_size = 1024; PRAGMA foreign_keys = ON;
    CREATE TABLE neighbourhoods (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, area_km2 REAL NOT NULL, residents INTEGER NOT NULL);
    CREATE TABLE stations (name TEXT PRIMARY KEY,
                           neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id),
                           neighbourhood TEXT NOT NULL,
                           capacity INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);`);
  // The id is the key to join on; the name is repeated on stations so simple queries need no join.
  NEIGHBOURHOODS.forEach((n, i) => db.run('INSERT INTO neighbourhoods VALUES (?, ?, ?, ?)', [i + 1, n.name, n.area_km2, n.residents]));
  for (const s of stations) db.run('INSERT INTO stations VALUES (?, ?, ?, ?, ?, ?)', [s.name, s.neighbourhoodId, s.neighbourhood, s.capacity, s.lat, s.lon]);
  const bytes = db.export();
  db.close();
  writeFileSync(join(here, 'stations.sqlite'), bytes);
  return { neighbourhoods: NEIGHBOURHOODS.length, stations: stations.length };
}

/** Reads both files back: the database opens, and every trip's stations exist in it. */
function check(SQL, tripCount) {
  const db = new SQL.Database(readFileSync(join(here, 'stations.sqlite')));
  const known = new Set(db.exec('SELECT name FROM stations')[0].values.map((r) => r[0]));
  const orphans = db.exec('SELECT count(*) FROM stations s LEFT JOIN neighbourhoods n ON n.id = s.neighbourhood_id WHERE n.name IS NOT s.neighbourhood')[0].values[0][0];
  db.close();
  const rows = readFileSync(join(here, 'trips.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
  if (rows.length !== tripCount || orphans !== 0) throw new Error('read-back failed: row counts differ');
  for (const r of rows) {
    if (r.length !== TRIP_COLUMNS.length || !known.has(r[4]) || !known.has(r[5])) throw new Error(`read-back failed at trip ${r[0]}`);
    if (!(r[2] > r[1])) throw new Error(`trip ${r[0]} ends before it starts`);
  }
}

const SQL = await initSqlJs();
const stations = makeStations();
const tripCount = writeTrips(stations);
const tables = await writeStations(SQL, stations);
check(SQL, tripCount);

const manifest = [
  {
    file: 'trips.csv',
    table: 'trips',
    engine: 'duckdb',
    kind: 'csv',
    description: 'Synthetic city bike trips in June 2024: start and end time, stations, rider and bike type, distance.',
    rows: tripCount,
    columns: TRIP_COLUMNS,
  },
  {
    file: 'stations.sqlite',
    table: 'stations_db',
    engine: 'sqlite',
    kind: 'sqlite',
    description: 'The bike stations used by trips.csv (name, neighbourhood, capacity, location) and their neighbourhoods.',
    rows: tables.stations + tables.neighbourhoods,
    tables,
  },
];
writeFileSync(join(here, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`trips.csv: ${tripCount} rows; stations.sqlite: ${tables.stations} stations, ${tables.neighbourhoods} neighbourhoods`);
