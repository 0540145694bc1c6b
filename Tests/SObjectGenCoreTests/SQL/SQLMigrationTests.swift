import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// Migrations applied on the real engines: a populated database keeps every row and ends with
/// the schema the new DDL gives an empty database.
@Suite struct SQLMigrationTests {
  /// Builds a database from `old`, fills it, migrates it to `new`, and compares it with a fresh
  /// database made from `new`'s DDL.
  func migrate(
    from old: MetadataModel, to new: MetadataModel, dialect: SQLDialect, rows: String,
    check: (any TestDatabase) throws -> Void
  ) throws {
    let migration = SQLMigrationPlanner.plan(from: old, to: new, dialect: dialect)
    #expect(!migration.isEmpty)
    try withDatabase(dialect) { migrated in
      try migrated.execute(SQLSchemaEmitter.ddl(for: old, dialect: dialect))
      try migrated.execute(rows)
      // SQLite's PRAGMA foreign_key_check prints any broken reference: the script must print nothing.
      #expect(try migrated.execute(migration.script) == "")
      try check(migrated)
      let migratedSchema = try introspectSchema(of: migrated)
      try withDatabase(dialect) { fresh in
        try fresh.execute(SQLSchemaEmitter.ddl(for: new, dialect: dialect))
        let freshSchema = try introspectSchema(of: fresh)
        #expect(
          migratedSchema == freshSchema,
          """
          \(dialect): the migrated schema differs from a fresh one:
          \(unifiedDiff(
            expected: freshSchema.joined(separator: "\n"), actual: migratedSchema.joined(separator: "\n"),
            expectedName: "fresh", actualName: "migrated"))
          """)
      }
      // Migrating again changes nothing.
      #expect(SQLMigrationPlanner.plan(from: new, to: new, dialect: dialect).isEmpty)
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func anAdditiveMigrationKeepsEveryRowAndMatchesTheNewDDL(_ dialect: SQLDialect) throws {
    let version1 = try SQLFixtures.version1()
    let version2 = try SQLFixtures.version2()
    #expect(SQLMigrationPlanner.plan(from: version1, to: version2, dialect: dialect).destructiveChanges == [])
    let before = try withDatabase(dialect) { database in
      try database.execute(SQLSchemaEmitter.ddl(for: version1, dialect: dialect))
      try database.execute(SQLFixtures.version1Rows)
      return try database.rows(SQLFixtures.ticketValues)
    }
    #expect(before.count == 3)
    try migrate(from: version1, to: version2, dialect: dialect, rows: SQLFixtures.version1Rows) {
      (database: any TestDatabase) throws in
      #expect(try database.rows(SQLFixtures.ticketValues) == before)
      for (table, count) in [("User", 1), ("Account", 1), ("Contact", 1), ("Ticket", 3), ("Lead", 0)] {
        #expect(try database.value(#"SELECT count(*) FROM "\#(table)";"#) == "\(count)", "\(table)")
      }
      // The new column took its default in the rows already there.
      #expect(
        try database.rows(#"SELECT CASE WHEN "IsPublic" THEN 'true' ELSE 'false' END, "Resolution" FROM "Ticket";"#)
          == ["true|NULL", "true|NULL", "true|NULL"])
      // The picklist constraint was replaced; the rule follows the new value; the default changed.
      try database.execute(#"UPDATE "Ticket" SET "Status" = 'Waiting' WHERE "Id" = '0Tk000000000001CAA';"#)
      #expect(try database.value(#"SELECT "State" FROM "Ticket" WHERE "Id" = '0Tk000000000001CAA';"#) == "Active")
      #expect(try database.refusal(#"UPDATE "Ticket" SET "Priority" = 'Won''t fix';"#) != nil)
      try database.execute(
        #"""
        INSERT INTO "Lead" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp")
        VALUES ('00Q000000000001EAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z');
        INSERT INTO "Ticket" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp", "Name", "OwnerId", "RequesterId", "LeadId")
        VALUES ('0Tk000000000004CAA', '005000000000001AAA', '2024-05-01T09:00:00Z', '005000000000001AAA', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z', 'From a lead', '005000000000001AAA', '00Q000000000001EAA', '00Q000000000001EAA');
        """#)
      #expect(try database.value(#"SELECT "Priority" FROM "Ticket" WHERE "Id" = '0Tk000000000004CAA';"#) == "Medium")
      #expect(try database.refusal(#"UPDATE "Ticket" SET "LeadId" = '00Q000000000009EAA';"#) != nil)
    }
  }

  /// With --allow-destructive, going back from version 2 to version 1 drops what version 2 added
  /// and narrows what it widened; rows that fit stay.
  @Test(arguments: SQLDialect.allCases)
  func anAllowedDestructiveMigrationMatchesTheNewDDL(_ dialect: SQLDialect) throws {
    let version1 = try SQLFixtures.version1()
    let version2 = try SQLFixtures.version2()
    try migrate(from: version2, to: version1, dialect: dialect, rows: SQLFixtures.version1Rows) {
      (database: any TestDatabase) throws in
      #expect(try database.value(#"SELECT count(*) FROM "Ticket";"#) == "3")
      #expect(
        try database.value(#"SELECT "Name" FROM "Ticket" WHERE "Id" = '0Tk000000000001CAA';"#) == "Printer on fire")
    }
  }

  /// The repository's metadata, from an older state (a field and an object not there yet, a
  /// shorter text, a picklist with a value since removed) to today's.
  @Test(arguments: SQLDialect.allCases)
  func theRepositoryMetadataMigratesFromAnOlderVersion(_ dialect: SQLDialect) throws {
    let current = try loadRepositoryMetadata()
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = try copyOfMetadata(in: folder)
    func edit(_ object: String, _ edits: [(String, String)]) throws {
      let url = copy.appendingPathComponent("objects/\(object).yaml")
      var text = try String(contentsOf: url, encoding: .utf8)
      for (old, new) in edits {
        #expect(text.contains(old), "\(object): \(old)")
        text = text.replacingOccurrences(of: old, with: new)
      }
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    try edit(
      "Interaction",
      [("length: 32000", "length: 2000"), ("referenceTo: [FinancialDeal, Opportunity]", "referenceTo: [Opportunity]")])
    try edit("EngagementInteraction", [("values: [Inbound, Outbound]", "values: [Inbound, Outbound, Unknown]")])
    try FileManager.default.removeItem(at: copy.appendingPathComponent("objects/FinancialDeal.yaml"))
    let older = try MetadataLoader.load(directory: copy.path)
    #expect(SQLMigrationPlanner.plan(from: older, to: current, dialect: dialect).destructiveChanges == [])
    let rows = """
      INSERT INTO "User" ("Id", \(SQLDDLTests.systemColumns), "LastName") VALUES ('\(SQLDDLTests.user)', \(SQLDDLTests.systemValues), 'User');
      \(SQLDDLTests.interaction(id: "0eI000000000001EAA", [("Type", "'Outbound'"), ("Status", "'In Progress'")]))
      INSERT INTO "Interaction" ("Id", \(SQLDDLTests.systemColumns), "Name", "OwnerId", "Description")
      VALUES ('0iT000000000001EAA', \(SQLDDLTests.systemValues), 'Call', '\(SQLDDLTests.user)', 'Notes');
      """
    try migrate(from: older, to: current, dialect: dialect, rows: rows) { (database: any TestDatabase) throws in
      #expect(
        try database.value(#"SELECT "Name", "Type", "MappedState" FROM "EngagementInteraction";"#)
          == "EI-1EAA|Outbound|InProgress")
      #expect(try database.value(#"SELECT "Description" FROM "Interaction";"#) == "Notes")
      #expect(try database.refusal(#"UPDATE "EngagementInteraction" SET "Type" = 'Unknown';"#) != nil)
    }
  }
}

/// What the planner says can lose data, and the command that refuses it.
@Suite struct SQLDestructiveChangeTests {
  @Test func everyDestructiveChangeIsNamed() throws {
    let migration = SQLMigrationPlanner.plan(
      from: try SQLFixtures.version2(), to: try SQLFixtures.version1(), dialect: .postgresql)
    #expect(
      migration.destructiveChanges == [
        "dropped object Lead (table \"Lead\" and its rows)",
        "narrowed field Ticket.Name from VARCHAR(120) to VARCHAR(80)",
        "dropped field Ticket.IsPublic",
        "narrowed field Ticket.Summary from VARCHAR(4000) to VARCHAR(1000)",
        "narrowed field Ticket.Amount from NUMERIC(14, 2) to NUMERIC(10, 2)",
        "dropped field Ticket.LeadId",
        "dropped field Ticket.Resolution",
      ])
  }

  @Test func aFieldMadeRequiredOrAddedWithoutDefaultIsDestructive() throws {
    let version1 = try SQLFixtures.version1()
    let text = try String(
      contentsOfFile: SQLFixtures.version1Path + "/objects/Ticket.yaml", encoding: .utf8)
    let changed =
      text.replacingOccurrences(
        of: "    description: How the ticket came in; any value is accepted.",
        with: "    description: How the ticket came in; now required."
      )
      .replacingOccurrences(
        of:
          "properties: [Create, Filter, Group, Nillable, Sort, Update]\n    description: How the ticket came in; now required.",
        with:
          "properties: [Create, Filter, Group, Sort, Update]\n    description: How the ticket came in; now required."
      )
      .replacingOccurrences(
        of: "\nrules:\n",
        with:
          "\n  Code:\n    type: string\n    properties: [Create, Filter, Sort, Update]\n    description: A code every ticket must have.\nrules:\n"
      )
    #expect(changed != text)
    var files = try MetadataLoader.objectFilePaths(in: SQLFixtures.version1Path).map {
      MetadataFile(path: $0, contents: try String(contentsOfFile: $0, encoding: .utf8))
    }
    let index = try #require(files.firstIndex { $0.path.hasSuffix("Ticket.yaml") })
    files[index].contents = changed
    let (model, diagnostics) = MetadataLoader.load(files: files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let migration = SQLMigrationPlanner.plan(from: version1, to: try #require(model), dialect: .sqlite)
    #expect(
      migration.destructiveChanges == [
        "made field Ticket.Channel required (nillable → not nillable)",
        "added required field Ticket.Code with no default (existing rows have no value)",
      ])
  }

  @Test func migrateRefusesDestructiveChangesUnlessAllowed() throws {
    let refused = try runCLI([
      "migrate", "--from", SQLFixtures.version2Path, "--to", SQLFixtures.version1Path, "--dialect", "postgresql",
    ])
    #expect(refused.status == 1)
    #expect(refused.stdout == "")
    for name in ["dropped object Lead", "dropped field Ticket.IsPublic", "narrowed field Ticket.Name"] {
      #expect(refused.stderr.contains("error: destructive change: \(name)"), "\(refused.stderr)")
    }
    #expect(refused.stderr.contains("7 destructive changes refused"))
    let allowed = try runCLI([
      "migrate", "--from", SQLFixtures.version2Path, "--to", SQLFixtures.version1Path, "--dialect", "sqlite",
      "--allow-destructive",
    ])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stdout.contains(#"DROP TABLE "Lead";"#))
  }

  @Test func migrateWithoutChangesSaysSo() throws {
    let result = try runCLI(["migrate", "--from", metadataFolder, "--to", metadataFolder, "--dialect", "sqlite"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("-- No changes"))
    #expect(!result.stdout.contains("BEGIN"))
  }
}
