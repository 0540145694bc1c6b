import Foundation
import SObjectGenTestSupport
import SObjectRuntime
import Testing

@testable import SObjectServer

/// The storage layer's own pieces.
@Suite struct StorageTests {
  /// The generated SQLite DDL splits into whole statements: each trigger with its body.
  @Test func scriptsSplitIntoWholeStatements() throws {
    let ddl = try String(
      contentsOf: packageRoot.appendingPathComponent("Generated/sql/sqlite.sql"), encoding: .utf8)
    let statements = SQLScript.statements(ddl)
    let triggers = statements.filter { $0.hasPrefix("CREATE TRIGGER") }
    #expect(triggers.count == ddl.components(separatedBy: "CREATE TRIGGER").count - 1)
    #expect(triggers.allSatisfy { $0.hasSuffix("END;") })
    #expect(statements.first == "PRAGMA foreign_keys = ON;")
    #expect(statements.last == "COMMIT;")
    #expect(SQLScript.statements("SELECT 'a;b'; SELECT \"c;\"; -- x;\nSELECT $q$ ; $q$;").count == 3)
  }

  /// A fetch's SELECT is made once per table and field list; past the limit, lists are made each
  /// time and not kept, so that `?fields=` cannot grow the server without bound.
  @Test func fetchStatementsAreKeptPerListUpToTheLimit() {
    let statements = FetchStatements()
    var made = 0
    func statement(_ table: String, _ fields: [String]) -> FetchStatements.Statement {
      statements.statement(for: .init(dialect: .sqlite, table: table, fields: fields)) {
        made += 1
        return .init(sql: "SELECT \(fields) FROM \(table)", names: fields, types: fields.map { _ in .boolean })
      }
    }
    #expect(statement("A", ["X", "Y"]).sql == #"SELECT ["X", "Y"] FROM A"#)
    #expect(statement("A", ["X", "Y"]).sql == #"SELECT ["X", "Y"] FROM A"#)
    #expect(made == 1)
    #expect(statement("A", ["Y", "X"]).names == ["Y", "X"])
    #expect(statement("B", ["X", "Y"]).sql == #"SELECT ["X", "Y"] FROM B"#)
    #expect(made == 3)
    for index in 0..<FetchStatements.limit { _ = statement("C", ["F\(index)"]) }
    #expect(statements.count == FetchStatements.limit)
    made = 0
    #expect(statement("D", ["Z"]).sql == "SELECT [\"Z\"] FROM D")
    #expect(statement("D", ["Z"]).sql == "SELECT [\"Z\"] FROM D")
    #expect(made == 2)
    #expect(statements.count == FetchStatements.limit)
  }

  @Test func placeholdersPerDialect() {
    let sqlite = SQLText(dialect: .sqlite)
    let postgres = SQLText(dialect: .postgresql)
    #expect(
      sqlite.insert(table: "T", columns: [("A", .text(maxLength: 3)), ("B", .date)])
        == #"INSERT INTO "T" ("A", "B") VALUES (?, ?)"#)
    #expect(
      postgres.insert(table: "T", columns: [("A", .text(maxLength: 3)), ("B", .date)])
        == #"INSERT INTO "T" ("A", "B") VALUES ($1, $2::date)"#)
  }

  /// SQLite's datetimes read back: the store's own `…Z` text, and its functions' UTC text without an offset.
  @Test func storedDateTimesReadBack() throws {
    let date = try #require(SalesforceDateTime("2024-03-01T10:05:00.250Z")).date
    #expect(StoredDateTime.sqliteText(date) == "2024-03-01T10:05:00.250Z")
    #expect(StoredDateTime.parse(StoredDateTime.sqliteText(date)) == date)
    #expect(StoredDateTime.parse("2024-03-01 10:05:00") == date.addingTimeInterval(-0.25))
    #expect(StoredDateTime.parse("2024-03-01 10:05") == nil)
    #expect(StoredDateTime.restText(date) == "2024-03-01T10:05:00.250+0000")
  }
}
