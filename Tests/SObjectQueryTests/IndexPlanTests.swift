import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// An equality on Id, an idLookup or External ID field, or a reference field is answered through an
/// index: each engine's own query plan says so. (PostgreSQL, with a dozen rows, would rather scan;
/// `enable_seqscan = off` asks whether an index *can* answer it.)
@Suite(.serialized) struct IndexPlanTests {
  static let queries: [(soql: String, index: String)] = [
    ("SELECT Id FROM EngagementInteraction WHERE Id = '0eI000000000001EAA'", "pkey"),
    ("SELECT Id FROM EngagementInteraction WHERE Name = 'EI-0001'", "EngagementInteraction_Name_ci_idx"),
    (
      "SELECT Id FROM EngagementInteraction WHERE ExternalIdentifier = 'ext-001'",
      "EngagementInteraction_ExternalIdentifier_ci_idx"
    ),
    ("SELECT Id FROM EngagementInteraction WHERE OwnerId = '005000000000001AAA'", "EngagementInteraction_OwnerId_idx"),
    (
      "SELECT Id FROM EngagementInteraction WHERE ContextId = '0Z5000000000001CAA'",
      "EngagementInteraction_ContextId_idx"
    ),
    ("SELECT Id FROM Interaction WHERE ReferenceIdentifier = 'REF-1'", "Interaction_ReferenceIdentifier_ci_idx"),
    ("SELECT Id FROM Interaction WHERE AccountId = '001000000000001AAA'", "Interaction_AccountId_idx"),
    (
      "SELECT Id FROM ConformanceFixture__c WHERE Parent__c = '001000000000001AAA'",
      "ConformanceFixture__c_Parent__c_idx"
    ),
    ("SELECT Id FROM ConformanceFixture__c WHERE Name = 'Alpha'", "ConformanceFixture__c_Name_ci_idx"),
  ]

  @Test("equalities use an index", arguments: SQLDialect.allCases)
  func equalitiesUseAnIndex(_ dialect: SQLDialect) throws {
    try SQLEngines.requireEngine(dialect)
    guard let database = try QueryFixtures.database(dialect) else { return }
    defer {
      (database as? SQLiteDatabase)?.remove()
      (database as? PostgreSQLDatabase)?.remove()
    }
    let source = TestRowSource(database: database)
    for (soql, index) in IndexPlanTests.queries {
      let statement = try QueryFixtures.engine.plan(soql, apiVersion: APIVersion(62), dialect: dialect).statement()
      let plan: String
      switch dialect {
      case .sqlite:
        let script = source.script(statement).replacingOccurrences(
          of: ".mode json\n" + statement.sql, with: "EXPLAIN QUERY PLAN " + statement.sql)
        plan = try database.execute(script)
        let expected = index == "pkey" ? "sqlite_autoindex_" : index
        #expect(plan.contains("SEARCH t0 USING") && plan.contains(expected), "\(soql):\n\(plan)")
      case .postgresql:
        let arguments = statement.parameters.map(source.literal).joined(separator: ", ")
        plan = try database.execute(
          """
          SET enable_seqscan = off;
          PREPARE soql AS \(statement.sql);
          EXPLAIN (COSTS OFF) EXECUTE soql(\(arguments));
          """)
        #expect(plan.contains("Index") && plan.contains(index), "\(soql):\n\(plan)")
      }
    }
  }
}
