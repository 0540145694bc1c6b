// The SOQL engine on a large SQLite table: builds a database of N EngagementInteraction rows
// (1,000,000 by default) from the generated DDL and the search DDL, then times each query's compiled
// statement in the sqlite3 shell (`.timer on`, 30 runs, p50 and p99 of the engine's own time).
// No HTTP: the server's benchmark (issue 14) adds its own costs on top.
//
//   swift run -c release soql-benchmark [rows]
import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery

let rows = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let model = try loadRepositoryMetadata()
let engine = SOQLEngine(model: model)
let database = FileManager.default.temporaryDirectory.appendingPathComponent("soql-benchmark-\(rows).db").path
let dialect = SQLDialect.sqlite

func sqlite(_ script: String) throws -> String {
  let result = try runProgram("/usr/bin/sqlite3", ["-bail", "-batch", database], input: script)
  guard result.status == 0, result.stderr.isEmpty else { throw EngineError(description: result.stderr) }
  return result.stdout
}

if !FileManager.default.fileExists(atPath: database) {
  let start = Date()
  _ = try sqlite(
    SQLSchemaEmitter.ddl(for: model, dialect: dialect) + QueryEngineDDL.searchDDL(for: model, dialect: dialect))
  // IDs of digits after the key prefix have a fixed checksum: 005…AAA, 0eI…EAA.
  _ = try sqlite(
    """
    BEGIN;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
    INSERT INTO "User" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate", "SystemModstamp",
      "LastName", "Name")
    SELECT '005' || printf('%012d', i) || 'AAA', '005000000000001AAA', '2024-01-01T00:00:00.000Z',
      '005000000000001AAA', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'User ' || i, 'User ' || i FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
    INSERT INTO "EngagementInteraction" ("Id", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate",
      "SystemModstamp", "Name", "OwnerId", "Status", "ExternalIdentifier", "Reason", "StartDateTime",
      "CommunicationChannel")
    SELECT '0eI' || printf('%012d', i) || 'EAA', '005000000000001AAA',
      strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i % 525600) || ' minutes'), '005000000000001AAA',
      '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', 'EI-' || printf('%07d', i),
      '005' || printf('%012d', 1 + i % 1000) || 'AAA',
      CASE i % 3 WHEN 0 THEN 'New' WHEN 1 THEN 'In Progress' ELSE 'Completed' END, 'EXT-' || i,
      'Reason number ' || i || CASE WHEN i % 1000 = 0 THEN ' escalated' ELSE '' END,
      strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i % 525600) || ' minutes'), 'Voice Call'
    FROM n;
    COMMIT;
    ANALYZE;
    """)
  print("built \(rows) rows in \(String(format: "%.1f", Date().timeIntervalSince(start))) s: \(database)")
}

let queries = [
  ("indexed equality (Id)", "SELECT Id, Name, Status FROM EngagementInteraction WHERE Id = '0eI000000123456EAA'"),
  ("indexed equality (idLookup)", "SELECT Id, Name FROM EngagementInteraction WHERE ExternalIdentifier = 'ext-123456'"),
  (
    "indexed equality (reference)",
    "SELECT Id FROM EngagementInteraction WHERE OwnerId = '005000000000042AAA' LIMIT 200"
  ),
  (
    "2,000-row page (the 26th) with a parent",
    "SELECT Id, Name, Status, CreatedDate, Owner.Id, Owner.CreatedDate FROM EngagementInteraction ORDER BY Id"
  ),
  ("LIKE", "SELECT Id, Name FROM EngagementInteraction WHERE Reason LIKE '%escalated%' LIMIT 2000"),
  ("GROUP BY", "SELECT Status, COUNT(Id), MAX(CreatedDate) FROM EngagementInteraction GROUP BY Status"),
  ("date literal range", "SELECT COUNT() FROM EngagementInteraction WHERE CreatedDate = LAST_N_DAYS:7"),
]
let search = ("SOSL word", "FIND {escalated} RETURNING EngagementInteraction(Id, Name LIMIT 2000)")

func literal(_ value: SQLValue) -> String {
  switch value {
  case .null: return "NULL"
  case .integer(let number): return String(number)
  case .real(let number): return String(number)
  case .text(let text): return dialect.literal(text)
  case .boolean(let flag): return flag ? "1" : "0"
  }
}

func time(_ name: String, _ statement: SQLStatement) throws {
  var script = [".parameter init"]
  for (index, value) in statement.parameters.enumerated() {
    script.append("INSERT INTO temp.sqlite_parameters(key, value) VALUES ('?\(index + 1)', \(literal(value)));")
  }
  script += [".output /dev/null", ".timer on"]
  script += Array(repeating: statement.sql + ";", count: 30)
  let times = try sqlite(script.joined(separator: "\n")).split(separator: "\n").compactMap { line -> Double? in
    guard line.hasPrefix("Run Time: real ") else { return nil }
    return Double(line.dropFirst("Run Time: real ".count).prefix { $0 != " " })
  }.sorted()
  guard !times.isEmpty else { return }
  let p50 = times[times.count / 2] * 1000
  let p99 = times[min(times.count - 1, Int(Double(times.count) * 0.99))] * 1000
  print(
    name.padding(toLength: 42, withPad: " ", startingAt: 0), String(format: "p50 %7.1f ms   p99 %7.1f ms", p50, p99))
}

let clock = QueryClock.fixed(Date(timeIntervalSince1970: 1_718_452_800))
for (name, soql) in queries {
  let plan = try engine.plan(soql, apiVersion: APIVersion(62), dialect: dialect, clock: clock)
  // The page nextRecordsUrl leads to after 25 pages of 2,000.
  try time(
    name, name.hasPrefix("2,000") ? plan.pageStatement(start: min(50_000, rows / 2), count: 2000) : plan.statement())
}
try time(search.0, try engine.search(search.1, apiVersion: APIVersion(62), dialect: dialect).parts[0].statement())
