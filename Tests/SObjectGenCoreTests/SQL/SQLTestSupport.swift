import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// The SQL tests' fixture: a small metadata in two versions, and the SQL expected from them.
enum SQLFixtures {
  static let folder = packageRoot.appendingPathComponent("Tests/SObjectGenCoreTests/SQL/Fixtures")
  static var version1Path: String { folder.appendingPathComponent("MetadataV1").path }
  static var version2Path: String { folder.appendingPathComponent("MetadataV2").path }

  static func version1() throws -> MetadataModel { try MetadataLoader.load(directory: version1Path) }
  static func version2() throws -> MetadataModel { try MetadataLoader.load(directory: version2Path) }

  static func expected(_ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent("Expected/\(name)"), encoding: .utf8)
  }

  /// Rows for version 1 of the fixture: a user, an account, a contact and three tickets.
  static let version1Rows = """
    INSERT INTO "User" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp")
    VALUES ('005000000000001AAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z');
    INSERT INTO "Account" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp")
    VALUES ('001000000000001AAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z');
    INSERT INTO "Contact" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp")
    VALUES ('003000000000001AAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z');
    INSERT INTO "Ticket" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp",
      "Name", "Status", "Channel", "Priority", "IsEscalated", "OpenedAt", "ClosedAt", "Summary", "ExternalKey", "Amount", "OwnerId", "RequesterId")
    VALUES
      ('0Tk000000000001CAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z',
       'Printer on fire', 'Closed', 'Fax', 'High', TRUE, '2024-05-01T09:00:00Z', '2024-05-01T12:30:00Z', 'It''s "on fire"; really', 'EXT-1', 1234.5, '005000000000001AAA', '001000000000001AAA'),
      ('0Tk000000000002CAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z',
       'Password reset', 'Working', 'Email', 'Low', FALSE, '2024-05-02T09:00:00Z', NULL, NULL, 'EXT-2', NULL, '005000000000001AAA', '003000000000001AAA'),
      ('0Tk000000000003CAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z',
       'No status', NULL, NULL, 'High', FALSE, NULL, NULL, NULL, NULL, 0.25, '005000000000001AAA', NULL);
    """

  /// The tickets' values that every version keeps, one row per ticket.
  static let ticketValues =
    #"SELECT "Id", "Name", "Status", "State", "Channel", "Priority", CASE WHEN "IsEscalated" THEN 'true' ELSE 'false' END, "OpenedAt", "ClosedAt", "Hours", "Summary", "ExternalKey", CAST("Amount" AS TEXT), "OwnerId", "RequesterId" FROM "Ticket" ORDER BY "Id";"#
}

/// A database's schema as the engine reports it (its catalog, not the DDL text that made it), in
/// an order that does not depend on the order things were created in.
func introspectSchema(of database: any TestDatabase) throws -> [String] {
  switch database.dialect {
  case .sqlite:
    var lines = try database.rows(
      "SELECT type, name, tbl_name, quote(sql) FROM sqlite_master ORDER BY type, name;")
    for table in try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;") {
      lines += try database.rows("SELECT '\(table)', * FROM pragma_table_xinfo('\(table)');")
      lines += try database.rows("SELECT '\(table)', * FROM pragma_foreign_key_list('\(table)') ORDER BY id, seq;")
      lines += try database.rows(
        "SELECT '\(table)', name, \"unique\", origin, partial FROM pragma_index_list('\(table)') ORDER BY name;")
    }
    return lines
  case .postgresql:
    // Column order is left out: ALTER TABLE ADD COLUMN appends, wherever the field is in the file.
    let queries = [
      """
      SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name;
      """,
      """
      SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2;
      """,
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2;",
      "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2;",
      "SELECT proname, md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1;",
      """
      SELECT c.relname, a.attname, md5(coalesce(col_description(c.oid, a.attnum), '(none)'))
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY 1, 2;
      """,
      """
      SELECT relname, relkind, md5(coalesce(obj_description(oid, 'pg_class'), '(none)')) FROM pg_class
      WHERE relnamespace = 'public'::regnamespace ORDER BY 1;
      """,
    ]
    return try queries.flatMap { try database.rows($0) }
  }
}
