import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// Every query of Fixtures/queries.json, compiled for the engine and run on it over the data set
/// of Fixtures/data.json, must give the expected records.
@Suite(.serialized) struct QueryTableTests {
  @Test("the query table", arguments: SQLDialect.allCases)
  func queryTable(_ dialect: SQLDialect) async throws {
    try SQLEngines.requireEngine(dialect)
    let cases = try QueryFixtures.cases()
    #expect(cases.count >= 200)
    guard let database = try QueryFixtures.database(dialect) else { return }
    defer {
      (database as? SQLiteDatabase)?.remove()
      (database as? PostgreSQLDatabase)?.remove()
    }
    let source = TestRowSource(database: database)
    var failures = 0
    for testCase in cases {
      do {
        let plan = try QueryFixtures.engine.plan(
          testCase.soql, apiVersion: APIVersion(parsing: testCase.apiVersion)!, dialect: dialect,
          queryAll: testCase.queryAll, clock: QueryFixtures.clock)
        let result = try await plan.run(on: source)
        let actual = try JSONTree.parse(result.json().compact())
        guard case .object(let body) = actual, case .array(var records)? = body["records"] else {
          Issue.record("\(testCase.soql): not a query result: \(actual.canonical)")
          continue
        }
        var expected = testCase.records
        if !testCase.ordered {
          records.sort { $0.canonical < $1.canonical }
          expected.sort { $0.canonical < $1.canonical }
        }
        if body["totalSize"] != .number(Double(testCase.totalSize)) || records != expected
          || body["done"] != .bool(true)
        {
          failures += 1
          Issue.record(
            """
            \(dialect) \(testCase.soql)
            expected \(testCase.totalSize): \(expected.map(\.canonical).joined(separator: "\n  "))
            actual   \(body["totalSize"]?.canonical ?? "?"): \(records.map(\.canonical).joined(separator: "\n  "))
            SQL: \(plan.statement())
            """)
        }
      } catch {
        failures += 1
        Issue.record("\(dialect) \(testCase.soql): \(error)")
      }
    }
    print("\(dialect): \(cases.count - failures) of \(cases.count) queries right")
  }
}
