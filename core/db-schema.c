/* db-schema.c: the migrations list (doc/storage.md).
 *
 * db_migrations[i] moves a file from PRAGMA user_version i to i + 1 and
 * ends by setting that version itself (PRAGMA takes no bound parameters, and
 * SQL is never printf-built, so each step carries its own constant).  db.c
 * runs the steps inside one transaction and checks that each left the
 * version it should, so a power cut leaves either the old schema or the new
 * one.  Steps are only ever appended: a released step is never edited,
 * because files in the field already ran it. */
#include <stddef.h>

/* Version 1: station, settings, uid sequence, divisions, accounts, elders
 * and visits (the schema text of doc/storage.md, verbatim).  The
 * application_id marks the file as hearth's ("HRTH"), so db_open can tell
 * it from any other SQLite file before touching it. */
static const char migration_1[] =
	"PRAGMA application_id = 1213355080;\n"
	"CREATE TABLE station (\n"
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, division_code TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL);\n"
	"CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE seq (name TEXT PRIMARY KEY, next INTEGER NOT NULL);\n"
	"CREATE TABLE division (code TEXT PRIMARY KEY, name TEXT NOT NULL);\n"
	"CREATE TABLE user (\n"
	"  uid TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE,\n"
	"  role TEXT NOT NULL CHECK (role IN ('volunteer','worker','admin')),\n"
	"  pin_hash TEXT NOT NULL, display_name TEXT,\n"
	"  failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE elder (\n"
	"  uid TEXT PRIMARY KEY, name TEXT NOT NULL, initials TEXT NOT NULL,\n"
	"  id_number TEXT NOT NULL UNIQUE, gender TEXT NOT NULL, birth_date TEXT NOT NULL,\n"
	"  phone TEXT, emergency_contact TEXT, emergency_phone TEXT,\n"
	"  division_code TEXT NOT NULL, address TEXT,\n"
	"  hardship_types TEXT NOT NULL DEFAULT '',\n"
	"  living TEXT, visit_consent INTEGER NOT NULL DEFAULT 1,\n"
	"  ability_level INTEGER,\n"
	"  risk_tier TEXT NOT NULL DEFAULT '一般',\n"
	"  status TEXT NOT NULL DEFAULT '在册', status_date TEXT,\n"
	"  registered_on TEXT NOT NULL, note TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX elder_division ON elder (division_code);\n"
	"CREATE TABLE visit (\n"
	"  uid TEXT PRIMARY KEY, elder_uid TEXT NOT NULL REFERENCES elder (uid),\n"
	"  visited_at TEXT NOT NULL,\n"
	"  mode TEXT NOT NULL, visitor TEXT NOT NULL, contacted INTEGER NOT NULL,\n"
	"  outcome TEXT NOT NULL DEFAULT '正常',\n"
	"  health TEXT, economy TEXT, family TEXT, safety TEXT, needs TEXT,\n"
	"  services TEXT NOT NULL DEFAULT '',\n"
	"  emergency INTEGER NOT NULL DEFAULT 0, emergency_action TEXT,\n"
	"  referral TEXT, follow_up_date TEXT, note TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX visit_elder ON visit (elder_uid, visited_at);\n"
	"CREATE INDEX visit_time ON visit (visited_at);\n"
	"PRAGMA user_version = 1;\n";

/* Version 2: meal assistance (sites, their subsidy tiers, servings) and
 * children under three with parenting-guidance sessions (doc/storage.md).
 * A guidance session for several children is one row per child sharing
 * session_uid, so every exported row has its own uid. */
static const char migration_2[] =
	"CREATE TABLE site (\n"
	"  uid TEXT PRIMARY KEY, name TEXT NOT NULL, division_code TEXT NOT NULL,\n"
	"  address TEXT,\n"
	"  slots TEXT NOT NULL DEFAULT '午',\n"
	"  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),\n"
	"  default_mode TEXT NOT NULL DEFAULT '堂食',\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE UNIQUE INDEX site_name ON site (name) WHERE deleted = 0;\n"
	"CREATE TABLE site_tier (\n"
	"  site_uid TEXT NOT NULL REFERENCES site (uid), rank INTEGER NOT NULL,\n"
	"  min_age INTEGER, max_age INTEGER, hardship TEXT,\n"
	"  subsidy_fen INTEGER NOT NULL CHECK (subsidy_fen >= 0),\n"
	"  weekly_cap INTEGER CHECK (weekly_cap IS NULL OR weekly_cap > 0),\n"
	"  PRIMARY KEY (site_uid, rank));\n"
	"CREATE TABLE meal (\n"
	"  uid TEXT PRIMARY KEY, elder_uid TEXT NOT NULL REFERENCES elder (uid),\n"
	"  site_uid TEXT NOT NULL REFERENCES site (uid),\n"
	"  served_on TEXT NOT NULL, slot TEXT NOT NULL, mode TEXT NOT NULL,\n"
	"  portions INTEGER NOT NULL CHECK (portions >= 1),\n"
	"  verification TEXT NOT NULL, proxy_name TEXT,\n"
	"  price_fen INTEGER NOT NULL, subsidy_fen INTEGER NOT NULL,\n"
	"  self_paid_fen INTEGER NOT NULL,\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0,\n"
	"  CHECK (subsidy_fen >= 0 AND self_paid_fen >= 0),\n"
	"  CHECK (price_fen = subsidy_fen + self_paid_fen));\n"
	"CREATE INDEX meal_day ON meal (served_on, site_uid);\n"
	"CREATE INDEX meal_elder ON meal (elder_uid, served_on);\n"
	"CREATE TABLE child (\n"
	"  uid TEXT PRIMARY KEY, name TEXT NOT NULL, initials TEXT NOT NULL,\n"
	"  id_number TEXT, gender TEXT NOT NULL, birth_date TEXT NOT NULL,\n"
	"  caregiver TEXT NOT NULL, caregiver_relation TEXT, caregiver_phone TEXT,\n"
	"  division_code TEXT NOT NULL, address TEXT,\n"
	"  flags TEXT NOT NULL DEFAULT '',\n"
	"  status TEXT NOT NULL DEFAULT '在册', status_date TEXT,\n"
	"  registered_on TEXT NOT NULL, note TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE UNIQUE INDEX child_id_number ON child (id_number)\n"
	"  WHERE id_number IS NOT NULL;\n"
	"CREATE INDEX child_division ON child (division_code);\n"
	"CREATE TABLE guidance (\n"
	"  uid TEXT PRIMARY KEY, session_uid TEXT NOT NULL,\n"
	"  child_uid TEXT NOT NULL REFERENCES child (uid),\n"
	"  held_at TEXT NOT NULL, form TEXT NOT NULL, provider TEXT NOT NULL,\n"
	"  topics TEXT NOT NULL DEFAULT '',\n"
	"  referral TEXT, next_date TEXT, note TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
	"  deleted INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX guidance_child ON guidance (child_uid, held_at);\n"
	"CREATE INDEX guidance_time ON guidance (held_at);\n"
	"CREATE INDEX guidance_session ON guidance (session_uid);\n"
	"PRAGMA user_version = 2;\n";

/* Version 3: the outbox for `hearth sync` (doc/sync.md, "Station side").
 * Triggers queue (kind, uid) in the same transaction as every save, so a
 * record that is saved is queued, whatever code path saved it; a pending
 * entry is kept once per record (the cut reads the row as it is then).
 * Kinds are core/wire.h's: 1 elder, 2 visit, 3 meal, 4 site, 5 child,
 * 6 guidance; a subsidy tier change queues its site.  batch_no NULL =
 * pending; a cut batch holds its frozen bytes until the hub acks it.
 * Rows saved before this version are queued too: none was ever sent. */
static const char migration_3[] =
	"CREATE TABLE sync_batch (\n"
	"  batch_no INTEGER PRIMARY KEY CHECK (batch_no > 0),\n"
	"  bytes BLOB,\n"
	"  records INTEGER NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'cut'\n"
	"    CHECK (state IN ('cut', 'acked', 'void')),\n"
	"  acked_at TEXT);\n"
	"CREATE TABLE outbox (\n"
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 63),\n"
	"  uid TEXT NOT NULL,\n"
	"  batch_no INTEGER REFERENCES sync_batch (batch_no));\n"
	"CREATE UNIQUE INDEX outbox_pending ON outbox (kind, uid)\n"
	"  WHERE batch_no IS NULL;\n"
	"CREATE INDEX outbox_batch ON outbox (batch_no);\n"
	"CREATE TRIGGER outbox_elder_ins AFTER INSERT ON elder BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (1, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_elder_upd AFTER UPDATE ON elder BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (1, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_visit_ins AFTER INSERT ON visit BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (2, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_visit_upd AFTER UPDATE ON visit BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (2, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_meal_ins AFTER INSERT ON meal BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (3, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_meal_upd AFTER UPDATE ON meal BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (3, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_site_ins AFTER INSERT ON site BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (4, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_site_upd AFTER UPDATE ON site BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (4, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_tier_ins AFTER INSERT ON site_tier BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (4, NEW.site_uid);\n"
	"  END;\n"
	"CREATE TRIGGER outbox_tier_upd AFTER UPDATE ON site_tier BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (4, NEW.site_uid);\n"
	"  END;\n"
	"CREATE TRIGGER outbox_tier_del AFTER DELETE ON site_tier BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (4, OLD.site_uid);\n"
	"  END;\n"
	"CREATE TRIGGER outbox_child_ins AFTER INSERT ON child BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (5, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_child_upd AFTER UPDATE ON child BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (5, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_guidance_ins AFTER INSERT ON guidance BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (6, NEW.uid); END;\n"
	"CREATE TRIGGER outbox_guidance_upd AFTER UPDATE ON guidance BEGIN\n"
	"  INSERT OR IGNORE INTO outbox (kind, uid) VALUES (6, NEW.uid); END;\n"
	"INSERT INTO outbox (kind, uid) SELECT 1, uid FROM elder ORDER BY rowid;\n"
	"INSERT INTO outbox (kind, uid) SELECT 4, uid FROM site ORDER BY rowid;\n"
	"INSERT INTO outbox (kind, uid) SELECT 5, uid FROM child ORDER BY rowid;\n"
	"INSERT INTO outbox (kind, uid) SELECT 2, uid FROM visit ORDER BY rowid;\n"
	"INSERT INTO outbox (kind, uid) SELECT 3, uid FROM meal ORDER BY rowid;\n"
	"INSERT INTO outbox (kind, uid)\n"
	"  SELECT 6, uid FROM guidance ORDER BY rowid;\n"
	"PRAGMA user_version = 3;\n";

/* Version 4: the roster download (doc/sync.md "Roster").  roster_base
 * holds, per record and column, the roster value last applied to it:
 * the base of the three-way merge that tells a station's edit from the
 * county's.  One row per (record, column) rather than the row as one
 * text: a column is read and written by a prepared statement with no
 * text format to parse, and a column a later program learns simply has
 * no base yet.  WITHOUT ROWID: the primary key is the only lookup, so
 * the table is that one b-tree.  The ETags are settings
 * (roster.KIND.etag). */
static const char migration_4[] =
	"CREATE TABLE roster_base (\n"
	"  uid TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,\n"
	"  PRIMARY KEY (uid, field)) WITHOUT ROWID;\n"
	"PRAGMA user_version = 4;\n";

const char *const db_migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
};
const int db_migration_count =
    (int)(sizeof db_migrations / sizeof db_migrations[0]);
