import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// The SQL of the fixture metadata, compared byte for byte with the reviewed files under
/// `Fixtures/Expected/`. After an intended change, regenerate them with the commands in
/// `Fixtures/README.md` and review the diff.
@Suite struct SQLGoldenTests {
  func compare(_ actual: String, with file: String) throws {
    let expected = try SQLFixtures.expected(file)
    #expect(
      actual == expected,
      """
      Fixtures/Expected/\(file) differs (regenerate it as Fixtures/README.md says, then review):
      \(unifiedDiff(expected: expected, actual: actual, expectedName: "Fixtures/Expected/\(file)", actualName: "emitted"))
      """
    )
  }

  @Test(arguments: SQLDialect.allCases)
  func theDDLOfTheFixtureIsTheReviewedOne(_ dialect: SQLDialect) throws {
    try compare(
      SQLSchemaEmitter.ddl(for: try SQLFixtures.version1(), dialect: dialect), with: "v1.\(dialect.rawValue).sql")
  }

  @Test(arguments: SQLDialect.allCases)
  func theMigrationOfTheFixtureIsTheReviewedOne(_ dialect: SQLDialect) throws {
    let migration = SQLMigrationPlanner.plan(
      from: try SQLFixtures.version1(), to: try SQLFixtures.version2(), dialect: dialect)
    try compare(migration.script, with: "v1-to-v2.\(dialect.rawValue).sql")
  }

  @Test func generateWritesBothDialects() throws {
    let files = try Generator.generate(model: try loadRepositoryMetadata())
    let sql = files.filter { $0.path.hasPrefix("sql/") }
    #expect(sql.map(\.path) == ["sql/postgresql.sql", "sql/sqlite.sql"])
    // Byte-identical from one run to the next.
    #expect(try Generator.generate(model: try loadRepositoryMetadata()).filter { $0.path.hasPrefix("sql/") } == sql)
  }
}

/// Names and descriptions cannot break the DDL: quotes, semicolons, comment markers and line
/// breaks stay text.
@Suite struct SQLEscapingTests {
  @Test func identifiersAndLiteralsAreQuoted() {
    for dialect in SQLDialect.allCases {
      #expect(dialect.quoted(#"a"b"#) == #""a""b""#)
      #expect(dialect.literal("it's; --\n*/\\") == "'it''s; --\n*/\\'")
      #expect(dialect.commentLines("one */\r\ntwo; 'three'\nfour\u{0}") == ["-- one */", "-- two; 'three'", "-- four"])
    }
  }

  @Test func longNamesAreShortenedTheSameWayAndStayUnique() {
    let long = String(repeating: "A", count: 40)
    let first = SQLDialect.objectName(long, "FieldOne", "values")
    let second = SQLDialect.objectName(long, "FieldTwo", "values")
    #expect(first.utf8.count <= 63)
    #expect(second.utf8.count <= 63)
    #expect(first != second)
    #expect(SQLDialect.objectName("Ticket", "Status", "values") == "Ticket_Status_values")
  }

  /// The fixture's Ticket has a hostile description (quotes, `; DROP TABLE`, `--`, `*/`, a
  /// backslash, a line break) and a label used as a comment (`Summary "*/; --`): the DDL runs, the
  /// table holds its columns, and PostgreSQL keeps the text exactly.
  @Test(arguments: SQLDialect.allCases)
  func hostileTextStaysText(_ dialect: SQLDialect) throws {
    let model = try SQLFixtures.version1()
    let ticket = try #require(model[objectNamed: "Ticket"])
    let description = try #require(ticket.description)
    #expect(description.contains("DROP TABLE") && description.contains("\n") && description.contains("*/"))
    try withDatabase(dialect) { database in
      try database.execute(SQLSchemaEmitter.ddl(for: model, dialect: dialect))
      switch dialect {
      case .sqlite:
        #expect(try database.value("SELECT count(*) FROM pragma_table_info('Ticket');") == "\(ticket.allFields.count)")
        #expect(
          try database.rows(#"SELECT sql FROM sqlite_master WHERE name = 'Ticket';"#).contains("  -- Summary \"*/; --"))
      case .postgresql:
        #expect(
          try database.value(
            #"SELECT encode(convert_to(obj_description('"Ticket"'::regclass, 'pg_class'), 'UTF8'), 'hex');"#)
            == hex(description))
        #expect(
          try database.value(
            #"SELECT col_description('"Ticket"'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = '"Ticket"'::regclass AND attname = 'Summary'));"#
          ) == #"Summary "*/; --"#)
        #expect(
          try database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Ticket';")
            == "\(ticket.allFields.count)")
      }
      // A picklist value with a quote is a value like the others.
      try database.execute(
        #"""
        INSERT INTO "User" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp")
        VALUES ('005000000000001AAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z');
        INSERT INTO "Ticket" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp", "Name", "OwnerId", "Priority")
        VALUES ('0Tk000000000001CAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z', 'x', '005000000000001AAA', 'Won''t fix');
        """#)
      #expect(try database.value(#"SELECT "Priority" FROM "Ticket";"#) == "Won't fix")
    }
  }

  func hex(_ text: String) -> String { text.utf8.map { String(format: "%02X", $0) }.joined().lowercased() }
}
