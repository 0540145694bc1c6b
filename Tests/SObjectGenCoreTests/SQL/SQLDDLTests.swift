import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// The generated DDL of the repository's metadata, run on the real engines: it loads on an empty
/// database, takes valid rows, refuses invalid ones, applies defaults and holds the rules.
@Suite struct SQLDDLTests {
  static let user = "005000000000001AAA"

  /// The system columns every insert gives.
  static let systemColumns = #""CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp""#
  static let systemValues =
    "'\(user)', '2024-05-01T09:00:00Z', '\(user)', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00Z'"

  /// A database made from the repository's DDL with one user in it.
  func withLoadedDatabase(_ dialect: SQLDialect, _ body: (any TestDatabase) throws -> Void) throws {
    let ddl = SQLSchemaEmitter.ddl(for: try loadRepositoryMetadata(), dialect: dialect)
    try withDatabase(dialect) { database in
      try database.execute(ddl)
      try database.execute(
        #"INSERT INTO "User" ("Id", \#(Self.systemColumns), "LastName") "#
          + #"VALUES ('\#(Self.user)', \#(Self.systemValues), 'User');"#)
      try body(database)
    }
  }

  /// An EngagementInteraction insert: the given columns on top of the required ones.
  static func interaction(id: String, _ columns: [(String, String)] = []) -> String {
    let required = [("Name", "'EI-\(id.suffix(4))'"), ("OwnerId", "'\(user)'")]
    let all = required.filter { name, _ in !columns.contains { $0.0 == name } } + columns
    let names = all.map { "\"\($0.0)\"" }.joined(separator: ", ")
    let values = all.map(\.1).joined(separator: ", ")
    return
      #"INSERT INTO "EngagementInteraction" ("Id", \#(systemColumns), \#(names)) VALUES ('\#(id)', \#(systemValues), \#(values));"#
  }

  @Test(arguments: SQLDialect.allCases)
  func theDDLRunsOnAnEmptyDatabaseAndMakesEveryTable(_ dialect: SQLDialect) throws {
    let model = try loadRepositoryMetadata()
    try withLoadedDatabase(dialect) { database in
      let query =
        dialect == .sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;"
      #expect(try database.rows(query).sorted() == model.objects.map(\.name).sorted())
      for object in model.objects {
        let columns =
          dialect == .sqlite
          ? try database.rows("SELECT name FROM pragma_table_info('\(object.name)') ORDER BY cid;")
          : try database.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = '\(object.name)' ORDER BY ordinal_position;"
          )
        #expect(columns == object.allFields.map(\.name), "\(object.name)")
      }
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func validRowsGoIn(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(
        #"""
        INSERT INTO "ServiceAppointment" ("Id", \#(Self.systemColumns)) VALUES ('08p000000000001AAA', \#(Self.systemValues));
        INSERT INTO "Contact" ("Id", \#(Self.systemColumns)) VALUES ('003000000000001AAA', \#(Self.systemValues));
        INSERT INTO "Opportunity" ("Id", \#(Self.systemColumns)) VALUES ('006000000000001AAA', \#(Self.systemValues));
        INSERT INTO "RecordType" ("Id", \#(Self.systemColumns)) VALUES ('012000000000001AAA', \#(Self.systemValues));
        """#)
      try database.execute(
        Self.interaction(
          id: "0eI000000000001EAA",
          [
            ("CommunicationChannel", "'Web Chat'"), ("ContextId", "'08p000000000001AAA'"),
            ("InitiatingAttendeeId", "'003000000000001AAA'"), ("ExternalIdentifier", "'EXT-1'"),
            ("IsAttendeeAuthenticated", "TRUE"), ("PhoneNumber", "'+1 555 0100'"), ("Reason", "'It''s urgent'"),
            ("RecordTypeId", "'012000000000001AAA'"), ("Sentiment", "'Positive'"),
            ("StartDateTime", "'2024-05-01T09:00:00Z'"), ("Status", "'New'"), ("Type", "'Inbound'"),
          ]))
      // An unrestricted picklist takes any value; a polymorphic reference any of its targets.
      try database.execute(
        #"""
        INSERT INTO "Interaction" ("Id", \#(Self.systemColumns), "Name", "OwnerId", "InteractionType", "RelatedRecordId", "Description")
        VALUES ('0iT000000000001EAA', \#(Self.systemValues), 'Call', '\#(Self.user)', 'Carrier pigeon', '006000000000001AAA', 'Long text');
        """#)
      #expect(try database.value(#"SELECT count(*) FROM "EngagementInteraction";"#) == "1")
      #expect(try database.value(#"SELECT "Reason" FROM "EngagementInteraction";"#) == "It's urgent")
      #expect(try database.value(#"SELECT "InteractionType" FROM "Interaction";"#) == "Carrier pigeon")
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func invalidRowsAreRefused(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(Self.interaction(id: "0eI000000000001EAA"))
      let refused: [(String, String)] = [
        (
          "a restricted picklist value not in the list",
          Self.interaction(id: "0eI000000000002EAA", [("Status", "'Bogus'")])
        ),
        ("NULL in a non-nillable column", Self.interaction(id: "0eI000000000003EAA", [("Name", "NULL")])),
        ("a duplicate Id", Self.interaction(id: "0eI000000000001EAA")),
        ("an ID that is not 18 characters", Self.interaction(id: "0eI000000000004")),
        (
          "a reference to a missing record",
          Self.interaction(id: "0eI000000000005EAA", [("RecordTypeId", "'012000000000009AAA'")])
        ),
        (
          "a polymorphic reference to an object not among its targets",
          Self.interaction(id: "0eI000000000006EAA", [("ContextId", "'001000000000001AAA'")])
        ),
        (
          "text longer than the field",
          Self.interaction(id: "0eI000000000007EAA", [("PhoneNumber", "'\(String(repeating: "9", count: 41))'")])
        ),
        (
          "a date-time that is not one",
          Self.interaction(id: "0eI000000000008EAA", [("StartDateTime", "'the day after'")])
        ),
      ]
      for (what, statement) in refused {
        #expect(try database.refusal(statement) != nil, "\(dialect) accepted \(what)")
      }
      #expect(try database.value(#"SELECT count(*) FROM "EngagementInteraction";"#) == "1")
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func defaultsApplyWhenAColumnIsLeftOut(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(Self.interaction(id: "0eI000000000001EAA"))
      let row = try database.value(
        #"""
        SELECT CASE WHEN "IsAttendeeVerified" THEN 'true' ELSE 'false' END, CASE WHEN "IsAttendeeAuthenticated" THEN 'true' ELSE 'false' END,
          "MappedState", CASE WHEN "IsDeleted" THEN 'true' ELSE 'false' END, "AttendeeVerificationTime", "Duration"
        FROM "EngagementInteraction";
        """#)
      #expect(row == "false|false|New|false|NULL|NULL")
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func mappedStateFollowsStatus(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(Self.interaction(id: "0eI000000000001EAA", [("Status", "'In Progress'")]))
      let query = #"SELECT "MappedState" FROM "EngagementInteraction";"#
      #expect(try database.value(query) == "InProgress")
      for (status, state) in [("Completed", "Completed"), ("New", "New"), ("In Progress", "InProgress")] {
        try database.execute(#"UPDATE "EngagementInteraction" SET "Status" = '\#(status)';"#)
        #expect(try database.value(query) == state, "Status \(status)")
      }
      // A Status cleared leaves the state as it was.
      try database.execute(#"UPDATE "EngagementInteraction" SET "Status" = NULL;"#)
      #expect(try database.value(query) == "InProgress")
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func durationFollowsTheStartAndEndTimes(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(Self.interaction(id: "0eI000000000001EAA", [("StartDateTime", "'2024-05-01T09:00:00Z'")]))
      let query = #"SELECT "Duration" FROM "EngagementInteraction";"#
      #expect(try database.value(query) == "NULL")
      try database.execute(#"UPDATE "EngagementInteraction" SET "EndDateTime" = '2024-05-01T10:30:59Z';"#)
      #expect(try database.value(query) == "90")
      try database.execute(#"UPDATE "EngagementInteraction" SET "StartDateTime" = '2024-04-30T10:30:00Z';"#)
      #expect(try database.value(query) == "1440")
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func verificationTimeIsSetWhenTheAttendeeIsVerified(_ dialect: SQLDialect) throws {
    try withLoadedDatabase(dialect) { database in
      try database.execute(Self.interaction(id: "0eI000000000001EAA"))
      try database.execute(
        Self.interaction(
          id: "0eI000000000002EAA",
          [("IsAttendeeVerified", "TRUE"), ("AttendeeVerificationTime", "'2024-01-02T03:04:05Z'")]))
      let query = #"SELECT "Id", "AttendeeVerificationTime" IS NOT NULL FROM "EngagementInteraction" ORDER BY "Id";"#
      let yes = dialect == .sqlite ? "1" : "t"
      let no = dialect == .sqlite ? "0" : "f"
      #expect(try database.rows(query) == ["0eI000000000001EAA|\(no)", "0eI000000000002EAA|\(yes)"])
      try database.execute(#"UPDATE "EngagementInteraction" SET "IsAttendeeVerified" = TRUE;"#)
      #expect(try database.rows(query) == ["0eI000000000001EAA|\(yes)", "0eI000000000002EAA|\(yes)"])
      // A time set by hand stays.
      let manual = try database.value(
        #"SELECT "AttendeeVerificationTime" FROM "EngagementInteraction" WHERE "Id" = '0eI000000000002EAA';"#)
      #expect(manual.hasPrefix("2024-01-02"))
    }
  }
}
