import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// SOSL over the data set: SQLite's FTS5 and PostgreSQL's full-text index, kept current by writes.
@Suite(.serialized) struct SearchTests {
  /// A search and the names of the records it finds (in order when the search orders them).
  static let searches: [(sosl: String, names: [String], ordered: Bool)] = [
    ("FIND {Billing} RETURNING EngagementInteraction(Name)", ["EI-0001"], false),
    ("FIND {billing}", [], false),
    ("FIND {Bill*} RETURNING EngagementInteraction(Name)", ["EI-0001"], false),
    ("FIND {\"Password reset\"} RETURNING EngagementInteraction(Name)", ["EI-0002"], false),
    ("FIND {reset password} RETURNING EngagementInteraction(Name)", ["EI-0002"], false),
    ("FIND {\"reset password\"} RETURNING EngagementInteraction(Name)", [], false),
    ("FIND {555} IN PHONE FIELDS RETURNING EngagementInteraction(Name)", ["EI-0001", "EI-0005", "EI-0008"], false),
    ("FIND {555} IN NAME FIELDS RETURNING EngagementInteraction(Name)", [], false),
    ("FIND {EI-0003} IN NAME FIELDS RETURNING EngagementInteraction(Name)", ["EI-0003"], false),
    ("FIND {R?newal} RETURNING EngagementInteraction(Name)", ["EI-0009"], false),
    ("FIND {Quarterly} RETURNING Interaction(Name, ReferenceIdentifier)", ["Quarterly review"], false),
    ("FIND {walked} RETURNING Interaction(Name WHERE InteractionType = 'In Person')", ["Site visit"], false),
    ("FIND {walked} RETURNING Interaction(Name WHERE InteractionType = 'Email')", [], false),
    ("find {ext*} returning EngagementInteraction(Name ORDER BY Name DESC LIMIT 2)", ["EI-0011", "EI-0010"], true),
    (
      "FIND {ext* OR ref*} RETURNING EngagementInteraction(Name ORDER BY Name), Interaction(Name ORDER BY Name) LIMIT 3",
      ["EI-0001", "EI-0002", "EI-0003"], true
    ),
    ("FIND {Deleted} RETURNING EngagementInteraction(Name)", [], false),
    ("FIND {Brien} RETURNING EngagementInteraction(Name)", ["EI-0005"], false),
    ("FIND {example} IN EMAIL FIELDS RETURNING EngagementInteraction(Name)", [], false),
    ("FIND {renew*} RETURNING EngagementInteraction(Name), Interaction(Name)", ["EI-0009", "Quarterly review"], false),
  ]

  static let refused: [(sosl: String, code: String)] = [
    ("FIND {x} RETURNING EngagementInteraction", "MALFORMED_SEARCH"),
    ("FIND {billing} RETURNING ConformanceFixture__c", "INVALID_TYPE_FOR_OPERATION"),
    ("FIND {billing} RETURNING Foo", "INVALID_TYPE"),
    ("FIND billing", "MALFORMED_QUERY"),
    ("FIND {billing} IN EVERY FIELDS", "MALFORMED_QUERY"),
    ("FIND {billing} RETURNING EngagementInteraction(Nme)", "INVALID_FIELD"),
    ("FIND {billing", "MALFORMED_QUERY"),
    ("FIND {billing AND NOT password}", "MALFORMED_SEARCH"),
  ]

  func names(_ json: JSONValue) -> [String] {
    guard case .array(let records)? = json["searchRecords"] else { return [] }
    return records.compactMap { if case .string(let name)? = $0["Name"] { return name } else { return nil } }
  }

  @Test("searches find their records", arguments: SQLDialect.allCases)
  func searches(_ dialect: SQLDialect) async throws {
    try SQLEngines.requireEngine(dialect)
    guard let database = try QueryFixtures.database(dialect) else { return }
    defer {
      (database as? SQLiteDatabase)?.remove()
      (database as? PostgreSQLDatabase)?.remove()
    }
    let source = TestRowSource(database: database)
    for (sosl, expected, ordered) in SearchTests.searches {
      let plan = try QueryFixtures.engine.search(sosl, apiVersion: APIVersion(62), dialect: dialect)
      var found = names(try await plan.run(on: source))
      if sosl == "FIND {billing}" {
        // No RETURNING: Ids only, of every searchable object.
        let json = try await plan.run(on: source)
        guard case .array(let records)? = json["searchRecords"] else {
          Issue.record("no searchRecords")
          continue
        }
        #expect(records.count == 1 && records.first?["Id"] == .string("0eI000000000001EAA"), "\(json.compact())")
        continue
      }
      if !ordered { found.sort() }
      #expect(found == (ordered ? expected : expected.sorted()), "\(dialect) \(sosl)")
    }
    // Writes keep the index current.
    try database.execute(
      #"UPDATE "EngagementInteraction" SET "Reason" = 'Totally new words' WHERE "Name" = 'EI-0002';"#)
    let updated = try QueryFixtures.engine.search(
      "FIND {totally} RETURNING EngagementInteraction(Name)", apiVersion: APIVersion(62), dialect: dialect)
    #expect(names(try await updated.run(on: source)) == ["EI-0002"])
    let old = try QueryFixtures.engine.search(
      "FIND {password} RETURNING EngagementInteraction(Name)", apiVersion: APIVersion(62), dialect: dialect)
    #expect(names(try await old.run(on: source)) == [])
    // An update that sets no searched field (SQLite: the UPDATE trigger does not run) leaves the entry as it was.
    try database.execute(#"UPDATE "EngagementInteraction" SET "Status" = 'Completed' WHERE "Name" = 'EI-0002';"#)
    #expect(names(try await updated.run(on: source)) == ["EI-0002"])
    if dialect == .sqlite {
      try database.execute(
        #"INSERT INTO "EngagementInteraction_search"("EngagementInteraction_search") VALUES ('integrity-check');"#)
    }
    try database.execute(#"DELETE FROM "EngagementInteraction" WHERE "Name" = 'EI-0002';"#)
    #expect(names(try await updated.run(on: source)) == [])
    // Dropped and made again (around a migration), the index holds the rows already there.
    try database.execute(
      QueryEngineDDL.dropSearchDDL(for: QueryFixtures.model, dialect: dialect)
        + QueryEngineDDL.searchDDL(for: QueryFixtures.model, dialect: dialect))
    let again = try QueryFixtures.engine.search(
      "FIND {Brien} RETURNING EngagementInteraction(Name)", apiVersion: APIVersion(62), dialect: dialect)
    #expect(names(try await again.run(on: source)) == ["EI-0005"])
  }

  @Test("searches Salesforce refuses", arguments: 0..<refused.count)
  func refusedSearch(_ index: Int) throws {
    let (sosl, code) = SearchTests.refused[index]
    do {
      _ = try QueryFixtures.engine.search(sosl, apiVersion: APIVersion(62), dialect: .sqlite)
      Issue.record("accepted: \(sosl)")
    } catch let error as QueryError {
      #expect(error.errorCode == code, "\(sosl): \(error)")
      #expect(error.offset != nil)
    }
  }

  @Test("the search DDL runs on an empty database", arguments: SQLDialect.allCases)
  func searchDDLRuns(_ dialect: SQLDialect) throws {
    try SQLEngines.requireEngine(dialect)
    let ddl = QueryEngineDDL.searchDDL(for: QueryFixtures.model, dialect: dialect)
    #expect(ddl.contains(dialect == .sqlite ? "USING fts5" : "USING GIN"))
    try withDatabase(dialect) { database in
      try database.execute(SQLSchemaEmitter.ddl(for: QueryFixtures.model, dialect: dialect) + ddl)
    }
  }
}
