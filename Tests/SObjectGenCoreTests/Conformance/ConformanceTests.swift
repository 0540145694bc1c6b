import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectModels
import Testing

/// The conformance table (`Tests/Conformance/cases.json`): every case through every judge that
/// applies to its context, and every judge must give the table's verdict, naming the table's field
/// when it refuses. The schemas and the DDL are the ones generated with the models
/// (`SObjectGenResources`), so the judges see one build of every output.
@Suite(.serialized) struct ConformanceTests {
  @Test func theTableCoversEveryItemAndFamily() throws {
    let table = try ConformanceTable.load()
    #expect(table.cases.count >= 150)
    // Each numbered item of issue 11 that a payload can show (11 is a describe: the test below),
    // each kind of value, and each kind of rule has cases.
    let items = Set(table.cases.map(\.item))
    #expect(items.isSuperset(of: (1...10).map(String.init) + ["length", "digits", "id", "types", "rule"]))
  }

  /// Records and request bodies: python-jsonschema on the generated schemas, and the Swift models.
  @Test func theSchemasAndTheSwiftModelsAgreeWithTheTable() throws {
    let cases = try ConformanceTable.load().cases.filter { $0.context != .row }
    try #require(!cases.isEmpty)
    let verdicts = try JSONSchemaJudge.judge(cases) + cases.map(SwiftJudge.judge)
    check(verdicts)
    // Every case met both judges.
    var judged: [String: Set<String>] = [:]
    for verdict in verdicts { judged[verdict.testCase.id, default: []].insert(verdict.judge) }
    for testCase in cases where (judged[testCase.id]?.count ?? 0) < 2 {
      Issue.record("case \(testCase.id) met only \(judged[testCase.id]?.sorted() ?? [])")
    }
  }

  /// Stored rows: each engine on the generated DDL. A missing engine is a visible skip (a failure in CI).
  @Test(arguments: SQLDialect.allCases)
  func theSQLEngineAgreesWithTheTable(_ dialect: SQLDialect) throws {
    try SQLEngines.requireEngine(dialect)
    let cases = try ConformanceTable.load().cases.filter { $0.context == .row }
    try #require(!cases.isEmpty)
    let verdicts = try SQLJudge(dialect: dialect).judge(cases)
    #expect(Set(verdicts.map(\.testCase.id)) == Set(cases.map(\.id)), "every row case is judged")
    check(verdicts)
  }

  /// Each judge gives the table's verdict, naming the table's field when it refuses.
  func check(_ verdicts: [Judgement]) {
    for verdict in verdicts {
      let expected = verdict.testCase.verdict
      let summary =
        "case \(verdict.testCase.id) (\(verdict.testCase.object), \(verdict.testCase.context.rawValue): \(verdict.testCase.note)) by \(verdict.judge)"
      switch (expected, verdict.refusal) {
      case (nil, nil): break
      case (nil, let refusal?):
        Issue.record("\(summary): refused (\(refusal.fields.sorted()), \(refusal.message)); the table accepts it")
      case (let field?, nil):
        Issue.record("\(summary): accepted; the table refuses it naming \(field)")
      case (let field?, let refusal?):
        if !refusal.fields.contains(field) {
          Issue.record("\(summary): refused naming \(refusal.fields.sorted()), not \(field) (\(refusal.message))")
        }
      }
      if let problem = verdict.expectationProblem { Issue.record("\(summary): \(problem)") }
    }
  }

  /// Item 11: a record type's `urls` name a layout only where the object serves layouts.
  @Test func onlyLayoutableObjectsAdvertiseRecordTypeLayouts() throws {
    for path in SObjectGenResources.paths where path.hasPrefix("describe/") && path != "describe/global.json" {
      let text = try #require(SObjectGenResources.text(atPath: path))
      let describe = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      let layoutable = describe["layoutable"] as? Bool == true
      for info in describe["recordTypeInfos"] as? [[String: Any]] ?? [] {
        let urls = info["urls"] as? [String: Any] ?? [:]
        #expect((urls["layout"] != nil) == layoutable, "\(path)")
      }
    }
  }
}

// MARK: - The table

enum CaseContext: String, Decodable {
  case record, create, update, row
}

struct ConformanceCase: Sendable {
  var id: String
  /// The issue item (`1`…`10`) or the family (`length`, `digits`, `id`, `types`, `rule`) it shows.
  var item: String
  var object: String
  var context: CaseContext
  var note: String
  /// The payload laid over the object's base for the context, as JSON text.
  var payload: Data
  /// nil: accepted; else the field a refusal names.
  var verdict: String?
  /// Derived-field values: `*` any value, nil none.
  var expect: [(String, String?)]
}

struct ConformanceTable {
  var cases: [ConformanceCase]

  static let path = packageRoot.appendingPathComponent("Tests/Conformance/cases.json")

  static func load() throws -> ConformanceTable {
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
    let bases = root["bases"] as? [String: [String: [String: Any]]] ?? [:]
    var cases: [ConformanceCase] = []
    for item in root["cases"] as? [[String: Any]] ?? [] {
      let object = try #require(item["object"] as? String)
      let context = try #require(CaseContext(rawValue: item["context"] as? String ?? ""))
      var payload = try #require(item["payload"] as? [String: Any])
      if item["base"] as? Bool != false {
        payload = (bases[object]?[context.rawValue] ?? [:]).merging(payload) { _, own in own }
      }
      var verdict: String?
      if let refused = item["verdict"] as? [String: Any] { verdict = try #require(refused["refused"] as? String) }
      let expect = (item["expect"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { key, value in
        (key, value is NSNull ? nil : "\(value)")
      }
      cases.append(
        ConformanceCase(
          id: try #require(item["id"] as? String), item: "\(item["item"] ?? "")", object: object, context: context,
          note: item["note"] as? String ?? "",
          payload: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), verdict: verdict,
          expect: expect))
    }
    return ConformanceTable(cases: cases)
  }
}

struct Refusal {
  var fields: Set<String>
  var message: String
}

struct Judgement {
  var testCase: ConformanceCase
  var judge: String
  var refusal: Refusal?
  var expectationProblem: String? = nil
}

/// Compares derived-field values with a case's `expect`.
func expectationProblem(_ expect: [(String, String?)], actual: (String) -> String?) -> String? {
  var problems: [String] = []
  for (field, expected) in expect {
    let value = actual(field)
    let matches = expected == "*" ? value != nil : value == expected
    if !matches { problems.append("\(field) is \(value ?? "null"), expected \(expected ?? "null")") }
  }
  return problems.isEmpty ? nil : problems.joined(separator: "; ")
}

// MARK: - python-jsonschema on the generated schemas

enum JSONSchemaJudge {
  static func schemaPath(_ testCase: ConformanceCase) -> String {
    switch testCase.context {
    case .record: return "jsonschema/\(testCase.object).json"
    case .create: return "jsonschema/\(testCase.object).create.json"
    case .update: return "jsonschema/\(testCase.object).update.json"
    case .row: return ""
    }
  }

  /// One python process for all cases: per instance, null when valid, else the fields the errors
  /// name (a property's path; a missing or unexpected property; a cross-field rule's first field).
  static func judge(_ cases: [ConformanceCase]) throws -> [Judgement] {
    var schemas: [String: String] = [:]
    for testCase in cases {
      let path = schemaPath(testCase)
      let schema = try #require(SObjectGenResources.text(atPath: path), "no \(path)")
      schemas[path] = schema
    }
    let script = """
      import json, re, sys
      from jsonschema import Draft202012Validator
      payload = json.load(sys.stdin)
      validators = {path: Draft202012Validator(json.loads(text)) for path, text in payload["schemas"].items()}
      def first_required(schema):
          if isinstance(schema, dict):
              if "required" in schema and schema["required"]:
                  return schema["required"][0]
              for value in schema.values():
                  found = first_required(value)
                  if found: return found
          if isinstance(schema, list):
              for value in schema:
                  found = first_required(value)
                  if found: return found
          return None
      verdicts = []
      for path, instance in payload["instances"]:
          errors = list(validators[path].iter_errors(instance))
          if not errors:
              verdicts.append(None)
              continue
          names, messages = set(), []
          for error in errors:
              messages.append(error.message)
              if error.absolute_path:
                  names.add(str(error.absolute_path[0]))
              elif error.validator == "required":
                  names.update(re.findall(r"^'([^']*)'", error.message))
              elif error.validator == "additionalProperties":
                  names.update(re.findall(r"'([^']*)'", error.message.split("(")[-1]))
              else:
                  found = first_required(error.schema)
                  if found: names.add(found)
          verdicts.append({"fields": sorted(names), "message": "; ".join(messages)[:300]})
      print(json.dumps(verdicts))
      """
    let instances = cases.map { "[\(jsonString(schemaPath($0))), \(String(decoding: $0.payload, as: UTF8.self))]" }
    let schemaMembers = schemas.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)): \(jsonString($0.value))" }
    let input =
      "{\"schemas\": {\(schemaMembers.joined(separator: ", "))}, \"instances\": [\(instances.joined(separator: ", "))]}"
    let result = PythonJSONSchema.run(["-c", script], input: input)
    guard result.status == 0 else { throw JudgeError(description: "python-jsonschema: \(result.output)") }
    let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [Any])
    return zip(cases, decoded).map { testCase, verdict in
      let refusal = (verdict as? [String: Any]).map {
        Refusal(fields: Set($0["fields"] as? [String] ?? []), message: $0["message"] as? String ?? "")
      }
      return Judgement(testCase: testCase, judge: "python-jsonschema", refusal: refusal)
    }
  }

  static func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
  }
}

struct JudgeError: Error, CustomStringConvertible {
  var description: String
}

// MARK: - The generated Swift models

/// The request-body functions every generated model has.
protocol GeneratedRequestBodies: SObject where Field: CodingKey {
  func createRequestBody(nulls: Set<Field>, apiVersion: APIVersion?) throws -> RequestBody
  func updateRequestBody(clearing: Set<Field>, apiVersion: APIVersion?) throws -> RequestBody
}

/// The models with derived-field rules.
protocol GeneratedRules {
  mutating func applyDerivedFieldRules(previous: Self?, clock: some SObjectClock)
}

extension EngagementInteraction: GeneratedRequestBodies, GeneratedRules {}
extension Interaction: GeneratedRequestBodies {}
extension ConformanceFixtureC: GeneratedRequestBodies, GeneratedRules {}

enum SwiftJudge {
  static func judge(_ testCase: ConformanceCase) throws -> Judgement {
    switch testCase.object {
    case EngagementInteraction.apiName: return try judge(testCase, as: EngagementInteraction.self)
    case Interaction.apiName: return try judge(testCase, as: Interaction.self)
    case ConformanceFixtureC.apiName: return try judge(testCase, as: ConformanceFixtureC.self)
    default: throw JudgeError(description: "no Swift model for \(testCase.object) in the conformance judge")
    }
  }

  static func judge<Record: GeneratedRequestBodies>(_ testCase: ConformanceCase, as type: Record.Type) throws
    -> Judgement
  {
    var judgement = Judgement(testCase: testCase, judge: "Swift \(testCase.context.rawValue)")
    let members = try #require(try JSONSerialization.jsonObject(with: testCase.payload) as? [String: Any])
    // A key the model has no member for cannot be represented: a field of another object, or
    // (in a request) a parent record.
    var known = Set(Record.Field.allCases.map(\.rawValue)).union(["attributes"])
    if testCase.context == .record {
      known.formUnion(Record.Field.allCases.compactMap(\.metadata.relationshipName))
    }
    let unknown = Set(members.keys).subtracting(known)
    if !unknown.isEmpty {
      judgement.refusal = Refusal(fields: unknown, message: "the model has no member \(unknown.sorted())")
      return judgement
    }
    var record: Record
    do {
      record = try JSONDecoder().decode(Record.self, from: testCase.payload)
    } catch let error as DecodingError {
      judgement.refusal = Refusal(fields: Set(codingPath(of: error).prefix(1)), message: "\(error)")
      return judgement
    }
    let nulls = Set(members.filter { $0.value is NSNull }.keys.compactMap(Record.Field.init(rawValue:)))
    do {
      switch testCase.context {
      case .record:
        if var rules = record as? any GeneratedRules {
          rules = apply(rules)
          record = try #require(rules as? Record)
        }
        if !testCase.expect.isEmpty {
          let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any] ?? [:]
          judgement.expectationProblem = expectationProblem(testCase.expect) { field in
            encoded[field].flatMap { $0 is NSNull ? nil : "\($0)" }
          }
        }
      case .create: _ = try record.createRequestBody(nulls: nulls, apiVersion: nil)
      case .update: _ = try record.updateRequestBody(clearing: nulls, apiVersion: nil)
      case .row: break
      }
    } catch let error as RequestValidationError {
      judgement.refusal = Refusal(fields: Set(error.issues.map(\.field)), message: error.description)
    }
    return judgement
  }

  static func apply<Rules: GeneratedRules>(_ record: Rules) -> Rules {
    var record = record
    record.applyDerivedFieldRules(previous: nil, clock: FixedClock(Date(timeIntervalSince1970: 1_709_287_200)))
    return record
  }

  static func codingPath(of error: DecodingError) -> [String] {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
      .dataCorrupted(let context):
      return context.codingPath.map(\.stringValue)
    @unknown default:
      return []
    }
  }
}

// MARK: - SQLite and PostgreSQL on the generated DDL

/// Inserts each row case into the generated tables, one statement a line, and reads the engine's
/// errors back by line. Foreign keys are left out: a case is one row on its own.
struct SQLJudge {
  var dialect: SQLDialect

  func judge(_ cases: [ConformanceCase]) throws -> [Judgement] {
    let ddl = try #require(SObjectGenResources.text(atPath: "sql/\(dialect.rawValue).sql"))
    let types = try fieldTypes(Set(cases.map(\.object)))
    return try withDatabase(dialect) { database in
      switch dialect {
      case .sqlite: try database.execute(ddl)
      case .postgresql:
        try database.execute(ddl)
        try database.execute(
          """
          DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint WHERE contype = 'f' LOOP
              EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
            END LOOP;
          END $$;
          """)
      }
      var lines: [String] = []
      var caseOfLine: [Int: Int] = [:]
      for (index, testCase) in cases.enumerated() {
        let columns = try JSONDecoder().decode([String: RowValue].self, from: testCase.payload)
          .sorted { $0.key < $1.key }
        lines.append("SELECT 'case:\(index)';")
        lines.append(insert(testCase.object, columns, types: types[testCase.object] ?? [:]))
        caseOfLine[lines.count] = index
        for (field, _) in testCase.expect {
          lines.append(
            "SELECT 'value:' || coalesce(CAST(\(dialect.quoted(field)) AS TEXT), 'NULL') FROM \(dialect.quoted(testCase.object));"
          )
        }
        lines.append("DELETE FROM \(dialect.quoted(testCase.object));")
      }
      let result = try run(database, lines.joined(separator: "\n") + "\n")
      var refusals: [Int: Refusal] = [:]
      for line in result.stderr.split(separator: "\n") {
        guard let (number, message) = errorLine(String(line)) else { continue }
        guard let index = caseOfLine[number] else {
          throw JudgeError(description: "\(dialect): \(line)")
        }
        let object = cases[index].object
        refusals[index] = Refusal(
          fields: fieldsNamed(by: message, table: object, fields: Set(types[object, default: [:]].keys)),
          message: message)
      }
      var values: [Int: [String]] = [:]
      var current = -1
      for line in result.stdout.split(separator: "\n") {
        if line.hasPrefix("case:") { current = Int(line.dropFirst(5)) ?? -1 }
        if line.hasPrefix("value:") { values[current, default: []].append(String(line.dropFirst(6))) }
      }
      try attributeUnnamedRefusals(&refusals, cases: cases, types: types, database: database)
      return cases.enumerated().map { index, testCase in
        var judgement = Judgement(testCase: testCase, judge: dialect.rawValue, refusal: refusals[index])
        if refusals[index] == nil, !testCase.expect.isEmpty {
          let found = values[index] ?? []
          judgement.expectationProblem = expectationProblem(testCase.expect) { field in
            guard let position = testCase.expect.firstIndex(where: { $0.0 == field }), position < found.count,
              found[position] != "NULL"
            else { return nil }
            return found[position]
          }
        }
        return judgement
      }
    }
  }

  /// An error that names no column (PostgreSQL's `value too long`, `numeric field overflow`,
  /// `invalid input syntax`): the column whose removal from the row makes the error go is the one.
  private func attributeUnnamedRefusals(
    _ refusals: inout [Int: Refusal], cases: [ConformanceCase], types: [String: [String: String]],
    database: any TestDatabase
  ) throws {
    for (index, refusal) in refusals where refusal.fields.isEmpty {
      let testCase = cases[index]
      let columns = try JSONDecoder().decode([String: RowValue].self, from: testCase.payload)
      var named: Set<String> = []
      for column in columns.keys.sorted() {
        var without = columns
        without[column] = nil
        let statement =
          insert(testCase.object, without.sorted { $0.key < $1.key }, types: types[testCase.object] ?? [:])
          + "\nDELETE FROM \(dialect.quoted(testCase.object));"
        let result = try run(database, statement + "\n")
        if !result.stderr.contains(refusal.message) { named.insert(column) }
      }
      refusals[index]?.fields = named
    }
  }

  private func run(_ database: any TestDatabase, _ script: String) throws -> ProcessResult {
    switch dialect {
    case .sqlite:
      let path = try #require((database as? SQLiteDatabase)?.path)
      return try runProgram(
        try #require(SQLEngines.sqliteShell), ["-batch", "-noheader", "-list", "-nullvalue", "NULL", path],
        input: script)
    case .postgresql:
      let postgres = try #require(database as? PostgreSQLDatabase)
      return try runProgram(
        "\(postgres.server.bin)/psql",
        [
          "-h", postgres.server.socketFolder, "-U", "postgres", "-d", postgres.name, "-X", "-q", "-A", "-t",
          "-v", "ON_ERROR_STOP=0", "-f", "-",
        ], input: script)
    }
  }

  /// The line number and message of an engine error.
  private func errorLine(_ line: String) -> (Int, String)? {
    let pattern: String
    switch dialect {
    case .sqlite: pattern = #"^(?:Runtime|Parse) error near line ([0-9]+): (.*)$"#
    case .postgresql: pattern = #"^psql:<stdin>:([0-9]+): ERROR:\s+(.*)$"#
    }
    guard let match = line.firstMatch(of: try! Regex(pattern)), match.count == 3,
      let number = match[1].substring.flatMap({ Int($0) }), let message = match[2].substring
    else { return nil }
    return (number, String(message))
  }

  /// The fields an error names: a constraint `<Table>_<Field>_<kind>`, or a column.
  private func fieldsNamed(by message: String, table: String, fields: Set<String>) -> Set<String> {
    var names: Set<String> = []
    let patterns = [
      #"constraint failed: ([A-Za-z0-9_]+)"#, #"check constraint "([^"]+)""#, #"column "([^"]+)""#,
      #"NOT NULL constraint failed: [A-Za-z0-9_]+\.([A-Za-z0-9_]+)"#, #"column [A-Za-z0-9_]+\.([A-Za-z0-9_]+)"#,
    ]
    for pattern in patterns {
      for match in message.matches(of: try! Regex(pattern)) {
        guard let captured = match[1].substring else { continue }
        let name = String(captured)
        if fields.contains(name) { names.insert(name) }
        // <Table>_<Field>_<kind>: the longest field the rest starts with.
        if name.hasPrefix(table + "_") {
          let rest = name.dropFirst(table.count + 1)
          if let field = fields.filter({ rest.hasPrefix($0 + "_") }).max(by: { $0.count < $1.count }) {
            names.insert(field)
          }
        }
      }
    }
    return names
  }

  /// `INSERT` of the row's columns, each value as the column's type takes it.
  private func insert(_ table: String, _ columns: [(key: String, value: RowValue)], types: [String: String]) -> String {
    let names = columns.map { dialect.quoted($0.key) }.joined(separator: ", ")
    let values = columns.map { literal($0.value, type: types[$0.key]) }.joined(separator: ", ")
    return "INSERT INTO \(dialect.quoted(table)) (\(names)) VALUES (\(values));"
  }

  private func literal(_ value: RowValue, type: String?) -> String {
    switch value {
    case .null: return "NULL"
    case .bool(let flag): return dialect == .sqlite ? (flag ? "1" : "0") : (flag ? "TRUE" : "FALSE")
    case .integer(let number): return String(number)
    case .double(let number): return String(number)
    case .text(let text) where type == "base64":
      let bytes = Data(base64Encoded: text) ?? Data()
      return dialect == .sqlite
        ? "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'" : "decode(\(dialect.literal(text)), 'base64')"
    case .text(let text): return dialect.literal(text)
    }
  }

  /// Field name → describe type, per object, from the generated describes.
  private func fieldTypes(_ objects: Set<String>) throws -> [String: [String: String]] {
    var types: [String: [String: String]] = [:]
    for object in objects {
      let text = try #require(SObjectGenResources.text(atPath: "describe/\(object).json"))
      let describe = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      for field in describe["fields"] as? [[String: Any]] ?? [] {
        if let name = field["name"] as? String { types[object, default: [:]][name] = field["type"] as? String }
      }
    }
    return types
  }
}

/// A JSON value of a row, typed as JSON has it (JSONSerialization on Linux cannot tell `true` from `1`).
enum RowValue: Decodable {
  case null
  case bool(Bool)
  case integer(Int64)
  case double(Double)
  case text(String)

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int64.self) {
      self = .integer(number)
    } else if let number = try? container.decode(Double.self) {
      self = .double(number)
    } else {
      self = .text(try container.decode(String.self))
    }
  }
}
