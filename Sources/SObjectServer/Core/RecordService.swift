import Foundation
import SObjectGenCore
import SObjectMetadata

import struct SObjectRuntime.AnySalesforceID
import struct SObjectRuntime.SalesforceDateTime

/// What the core answers: a status and a JSON body (nil for 204).
public struct CoreResponse: Sendable {
  public var status: Int
  public var body: String?

  public init(status: Int, body: String?) {
    self.status = status
    self.body = body
  }

  static func json(_ status: Int, _ value: JSONValue) -> CoreResponse {
    CoreResponse(status: status, body: value.compact())
  }
}

/// The records of the metadata's objects: every call but query and search, enforcing the
/// resolved model. HTTP-free: the routes hand it names, IDs, query items and bodies.
public final class RecordService: Sendable {
  public let model: ServerModel
  public let store: any RecordStore
  /// The user every call acts as (CreatedById, LastModifiedById, the default OwnerId).
  public let userID: String
  let clock: @Sendable () -> Date
  /// The SELECT of a record by Id for each table and field list fetched (every retrieve fetches).
  let fetchStatements = FetchStatements()

  public init(
    model: ServerModel, store: any RecordStore, userID: String, clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.model = model
    self.store = store
    self.userID = userID
    self.clock = clock
  }

  // MARK: Lookups

  /// The object a request names, if it exists in the version and supports the call.
  func resolveObject(_ name: String, _ version: APIVersion, for call: SupportedCall?, method: String = "GET") throws
    -> SObjectDefinition
  {
    guard let object = model.object(named: name, in: version) else { throw APIError.notFound }
    if let call, !object.supports(call) {
      throw APIError(
        status: 405,
        APIProblem(
          "METHOD_NOT_ALLOWED", "HTTP Method '\(method)' not allowed. Allowed are \(allowedMethods(object))"))
    }
    return object
  }

  private func allowedMethods(_ object: SObjectDefinition) -> String {
    var methods = ["HEAD", "GET"]
    if object.supports(.update) || object.supports(.upsert) { methods.append("PATCH") }
    if object.supports(.delete) { methods.append("DELETE") }
    return methods.joined(separator: ",")
  }

  /// The 18-character form of an ID in a path, which must be one of the object's records.
  func recordID(_ text: String, of object: SObjectDefinition) throws -> String {
    guard let id = AnySalesforceID(text) else { throw APIError(status: 400, .malformedID(text)) }
    guard id.keyPrefix == object.keyPrefix else { throw APIError.notFound }
    return id.caseSafe
  }

  func columns(_ fields: [FieldDefinition]) -> [(name: String, type: SQLColumnType)] {
    fields.map { ($0.name, $0.sqlColumnType) }
  }

  /// The row of a record, by Id, with the given fields (and IsDeleted); nil when there is none.
  func fetch(
    _ session: any StoreSession, _ object: SObjectDefinition, id: String, fields: [FieldDefinition]
  ) async throws -> (values: [String: SQLValue], isDeleted: Bool)? {
    let dialect = session.dialect
    let key = FetchStatements.Key(dialect: dialect, table: object.name, fields: fields.map(\.name))
    let statement = fetchStatements.statement(for: key) {
      // IsDeleted is read last, by name (every object has it), without building the system fields.
      let selected = columns(fields.filter { $0.name != "IsDeleted" }) + [("IsDeleted", .boolean)]
      return FetchStatements.Statement(
        sql: SQLText(dialect: dialect).select(table: object.name, columns: selected, whereColumn: "Id"),
        names: selected.map(\.name), types: selected.map(\.type))
    }
    let rows = try await session.query(statement.sql, [.text(id)], types: statement.types)
    guard let row = rows.first else { return nil }
    var values: [String: SQLValue] = [:]
    values.reserveCapacity(statement.names.count)
    for (name, value) in zip(statement.names, row) { values[name] = value }
    return (values, values["IsDeleted"] == .bool(true))
  }

  func recordJSON(
    _ object: SObjectDefinition, id: String, values: [String: SQLValue], fields: [FieldDefinition],
    version: APIVersion
  ) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      (
        "attributes",
        .object([
          ("type", .string(object.name)), ("url", .string("/services/data/v\(version)/sobjects/\(object.name)/\(id)")),
        ])
      )
    ]
    for field in fields { pairs.append((field.name, FieldValues.json(values[field.name] ?? .null, for: field))) }
    return .object(pairs)
  }

  // MARK: Validation of a body, with the resolved facts

  struct ValidatedWrite: Sendable {
    /// The values given, in the object's field order.
    var values: [(field: FieldDefinition, value: SQLValue)]
    var references: [FieldValues.PendingReference]
  }

  /// Every problem of a create or update body at once.
  func validate(
    _ body: [String: JSONInput], of object: SObjectDefinition, creating: Bool, version: APIVersion
  ) -> Result<ValidatedWrite, APIError> {
    let available = model.fields(of: object, in: version)
    var byName: [String: FieldDefinition] = [:]
    for field in available { byName[field.name.lowercased()] = field }
    var problems: [APIProblem] = []
    var notWritable: [String] = []
    var missing: [String] = []
    var given: [(field: FieldDefinition, value: SQLValue, index: Int)] = []
    var references: [FieldValues.PendingReference] = []
    var attempted: Set<String> = []
    let order = Dictionary(available.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    for key in body.keys.sorted() where key != "attributes" {
      guard let field = byName[key.lowercased()] else {
        problems.append(.invalidField(key, object: object.name))
        continue
      }
      if creating ? !field.isCreateable : !field.isUpdateable {
        notWritable.append(field.name)
        continue
      }
      attempted.insert(field.name)
      switch FieldValues.storedValue(body[key]!, for: field, model: model) {
      case .failure(let problem): problems.append(problem)
      case .success(let (value, reference)):
        if value.isNull, !field.acceptsNull(in: .request, creating: creating) {
          missing.append(field.name)
          continue
        }
        given.append((field, value, order[field.name] ?? 0))
        if let reference { references.append(reference) }
      }
    }
    if creating {
      for field in available where field.isRequiredOnCreate && !attempted.contains(field.name) {
        if !missing.contains(field.name), !notWritable.contains(field.name) { missing.append(field.name) }
      }
    }
    if !notWritable.isEmpty {
      let names = notWritable.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
      problems.insert(
        APIProblem(
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "Unable to create/update fields: \(names.joined(separator: ", ")). Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
          fields: names), at: 0)
    }
    if !missing.isEmpty {
      let names = missing.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
      problems.insert(
        APIProblem(
          "REQUIRED_FIELD_MISSING", "Required fields are missing: [\(names.joined(separator: ", "))]", fields: names),
        at: 0)
    }
    guard problems.isEmpty else { return .failure(APIError(status: 400, problems)) }
    given.sort { $0.index < $1.index }
    return .success(ValidatedWrite(values: given.map { ($0.field, $0.value) }, references: references))
  }

  /// The cross-field rules (`atLeastOneOf`) over the record as it would be stored.
  func crossFieldProblems(_ object: SObjectDefinition, record: [String: SQLValue]) -> [APIProblem] {
    object.crossFieldRules.compactMap { rule in
      switch rule.kind {
      case .atLeastOneOf:
        let satisfied = rule.fields.contains { !(record[$0] ?? .null).isNull }
        return satisfied
          ? nil : APIProblem("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.statement, fields: [rule.primaryField])
      }
    }
  }

  /// References must point at records that exist and are not deleted.
  func referenceProblems(
    _ session: any StoreSession, _ object: SObjectDefinition, _ references: [FieldValues.PendingReference]
  ) async throws -> [APIProblem] {
    var problems: [APIProblem] = []
    for reference in references {
      guard let target = model.model[objectNamed: reference.object],
        let field = object.allFields.first(where: { $0.name == reference.field })
      else { continue }
      let found = try await fetch(session, target, id: reference.id, fields: [])
      if found == nil {
        problems.append(FieldValues.invalidReference(field))
      } else if found?.isDeleted == true {
        problems.append(APIProblem("ENTITY_IS_DELETED", "entity is deleted", fields: [field.name]))
      }
    }
    return problems
  }

  // MARK: IDs, auto-numbers, system fields

  /// A new record ID: the object's key prefix, 12 random base-62 characters, the case-safe suffix.
  func newID(for object: SObjectDefinition) -> String {
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    var generator = SystemRandomNumberGenerator()
    var body = object.keyPrefix ?? "000"
    for _ in 0..<12 { body.append(alphabet[Int(generator.next(upperBound: UInt64(62)))]) }
    return AnySalesforceID(body)!.caseSafe
  }

  /// The next number of an object's auto-number field, counted per object and field in storage (`AutoNumbers`).
  func nextAutoNumber(_ session: any StoreSession, _ object: SObjectDefinition, _ field: FieldDefinition)
    async throws -> String
  {
    let digits = String(try await AutoNumbers.next(session, object, field))
    let width = min(field.resolvedSizes.length, 8)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  // MARK: create

  /// A create's checks that need no storage: the body's values with the object's defaults, and the
  /// cross-field rules' problems. Done before the write, so that the group commit's one writer runs
  /// only the statements.
  struct PlannedCreate: Sendable {
    var object: SObjectDefinition
    var write: ValidatedWrite
    var problems: [APIProblem]
  }

  /// Plans a create; throws the body's refusal.
  func planCreate(_ object: SObjectDefinition, body: [String: JSONInput], version: APIVersion) throws -> PlannedCreate {
    let write: ValidatedWrite
    switch validate(body, of: object, creating: true, version: version) {
    case .failure(let error): throw error
    case .success(let value): write = value
    }
    var record: [String: SQLValue] = [:]
    for field in object.fields {
      if let value = field.defaultValue {
        switch value {
        case .boolean(let flag): record[field.name] = .bool(flag)
        case .text(let text), .number(let text): record[field.name] = .text(text)
        }
      } else if let picklistDefault = field.picklist?.defaultValue {
        record[field.name] = .text(picklistDefault.value)
      }
    }
    for (field, value) in write.values { record[field.name] = value }
    return PlannedCreate(object: object, write: write, problems: crossFieldProblems(object, record: record))
  }

  /// Creates one record inside a write; returns its ID or throws the refusal.
  func create(
    _ session: any StoreSession, _ object: SObjectDefinition, body: [String: JSONInput], version: APIVersion
  ) async throws -> String {
    try await create(session, planCreate(object, body: body, version: version))
  }

  /// Creates a planned record inside a write: its references checked, its ID and system fields set.
  func create(_ session: any StoreSession, _ plan: PlannedCreate) async throws -> String {
    let (object, write) = (plan.object, plan.write)
    let problems = plan.problems + (try await referenceProblems(session, object, write.references))
    guard problems.isEmpty else { throw APIError(status: 400, problems) }

    let id = newID(for: object)
    let now = SQLValue.dateTime(clock())
    var columns: [(FieldDefinition, SQLValue)] = []
    let givenNames = Set(write.values.map(\.field.name))
    for field in object.allFields {
      switch field.name {
      case "Id": columns.append((field, .text(id)))
      case "CreatedById", "LastModifiedById": columns.append((field, .text(userID)))
      case "CreatedDate", "LastModifiedDate", "SystemModstamp": columns.append((field, now))
      case "OwnerId" where !givenNames.contains("OwnerId") && field.type == .reference:
        columns.append((field, .text(userID)))
      case _ where field.isAutoNumber:
        columns.append((field, .text(try await nextAutoNumber(session, object, field))))
      case _ where field.type == .boolean && !givenNames.contains(field.name) && field.defaultValue == nil:
        // The API defaults a checkbox to false.
        columns.append((field, .bool(false)))
      default: break
      }
    }
    columns += write.values.map { ($0.field, $0.value) }
    let sql = SQLText(dialect: session.dialect).insert(
      table: object.name, columns: columns.map { ($0.0.name, $0.0.sqlColumnType) })
    try await session.execute(sql, columns.map(\.1))
    return id
  }

  public func create(object name: String, version: APIVersion, body: Data) async throws -> CoreResponse {
    let object = try resolveObject(name, version, for: .create, method: "POST")
    let fields = try Self.bodyObject(body)
    let plan = try planCreate(object, body: fields, version: version)
    let id = try await store.write { session in try await self.create(session, plan) }
    return .json(201, .object([("id", .string(id)), ("success", true), ("errors", [])]))
  }

  static func bodyObject(_ data: Data) throws -> [String: JSONInput] {
    guard let members = try JSONInput.parse(data).objectMembers else {
      throw APIError(
        status: 400,
        APIProblem("JSON_PARSER_ERROR", "Cannot deserialize instance of sObject from a value that is not a JSON object")
      )
    }
    return members
  }

  // MARK: retrieve

  public func retrieve(object name: String, id text: String, fields: String?, version: APIVersion) async throws
    -> CoreResponse
  {
    let object = try resolveObject(name, version, for: .retrieve)
    let id = try recordID(text, of: object)
    let selected = try selectedFields(object, fields, version)
    guard let row = try await store.read({ try await self.fetch($0, object, id: id, fields: selected) }) else {
      throw APIError.notFound
    }
    if row.isDeleted { throw APIError(status: 404, .entityIsDeleted) }
    return .json(200, recordJSON(object, id: id, values: row.values, fields: selected, version: version))
  }

  func selectedFields(_ object: SObjectDefinition, _ list: String?, _ version: APIVersion) throws -> [FieldDefinition] {
    let available = model.fields(of: object, in: version)
    guard let list, !list.isEmpty else { return available }
    var selected: [FieldDefinition] = []
    for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
      guard let field = available.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
        throw APIError(
          status: 400,
          APIProblem(
            "INVALID_FIELD",
            "No such column '\(name)' on entity '\(object.name)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
          ))
      }
      if !selected.contains(field) { selected.append(field) }
    }
    return selected
  }

  // MARK: update

  func update(
    _ session: any StoreSession, _ object: SObjectDefinition, id: String, body: [String: JSONInput],
    version: APIVersion
  ) async throws {
    let write: ValidatedWrite
    switch validate(body, of: object, creating: false, version: version) {
    case .failure(let error): throw error
    case .success(let value): write = value
    }
    let ruleFields = Set(object.crossFieldRules.flatMap(\.fields))
    guard
      let existing = try await fetch(
        session, object, id: id, fields: object.allFields.filter { ruleFields.contains($0.name) })
    else { throw APIError.notFound }
    if existing.isDeleted { throw APIError(status: 404, .entityIsDeleted) }
    var record = existing.values
    for (field, value) in write.values { record[field.name] = value }
    var problems = crossFieldProblems(object, record: record)
    problems += try await referenceProblems(session, object, write.references)
    guard problems.isEmpty else { throw APIError(status: 400, problems) }
    var columns = write.values.map { ($0.field, $0.value) }
    let now = SQLValue.dateTime(clock())
    for field in object.systemFields {
      switch field.name {
      case "LastModifiedById": columns.append((field, .text(userID)))
      case "LastModifiedDate", "SystemModstamp": columns.append((field, now))
      default: break
      }
    }
    let sql = SQLText(dialect: session.dialect).update(
      table: object.name, columns: columns.map { ($0.0.name, $0.0.sqlColumnType) })
    try await session.execute(sql, columns.map(\.1) + [.text(id)])
  }

  public func update(object name: String, id text: String, version: APIVersion, body: Data) async throws
    -> CoreResponse
  {
    let object = try resolveObject(name, version, for: .update, method: "PATCH")
    let id = try recordID(text, of: object)
    let fields = try Self.bodyObject(body)
    try await store.write { session in try await self.update(session, object, id: id, body: fields, version: version) }
    return CoreResponse(status: 204, body: nil)
  }

  // MARK: delete and undelete (the recycle bin is IsDeleted)

  func setDeleted(_ session: any StoreSession, _ object: SObjectDefinition, id: String, deleted: Bool) async throws {
    guard let existing = try await fetch(session, object, id: id, fields: []) else { throw APIError.notFound }
    if deleted, existing.isDeleted { throw APIError(status: 404, .entityIsDeleted) }
    if !deleted, !existing.isDeleted {
      throw APIError(status: 400, APIProblem("UNDELETE_FAILED", "Entity is not in the recycle bin"))
    }
    if deleted {
      try await applyDeleteEffects(session, object, id: id)
    } else {
      try await checkMastersLive(session, object, id: id)
    }
    let fields = object.systemFields.filter {
      ["IsDeleted", "LastModifiedById", "LastModifiedDate", "SystemModstamp"].contains($0.name)
    }
    let now = SQLValue.dateTime(clock())
    let values: [SQLValue] = fields.map {
      switch $0.name {
      case "IsDeleted": return .bool(deleted)
      case "LastModifiedById": return .text(userID)
      default: return now
      }
    }
    let sql = SQLText(dialect: session.dialect).update(table: object.name, columns: columns(fields))
    try await session.execute(sql, values + [.text(id)])
    if !deleted { try await restoreDeleteEffects(session, object, id: id) }
  }

  public func delete(object name: String, id text: String, version: APIVersion) async throws -> CoreResponse {
    let object = try resolveObject(name, version, for: .delete, method: "DELETE")
    let id = try recordID(text, of: object)
    try await store.write { session in try await self.setDeleted(session, object, id: id, deleted: true) }
    return CoreResponse(status: 204, body: nil)
  }

  /// Undelete by IDs of any objects (the object told by each key prefix), each result as an
  /// UndeleteResult: `{"id", "success", "errors"}`.
  public func undelete(ids: [String], version: APIVersion, allOrNone: Bool) async throws -> CoreResponse {
    let results = try await collection(count: ids.count, allOrNone: allOrNone) { session, index in
      let text = ids[index]
      guard let parsed = AnySalesforceID(text) else { throw APIError(status: 400, .malformedID(text)) }
      guard let object = self.model.object(withKeyPrefix: parsed.keyPrefix), object.isAvailable(in: version) else {
        throw APIError(status: 400, APIProblem("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"))
      }
      guard object.supports(.undelete) else {
        throw APIError(
          status: 400, APIProblem("INVALID_TYPE_FOR_OPERATION", "entity type \(object.name) does not support undelete"))
      }
      try await self.setDeleted(session, object, id: parsed.caseSafe, deleted: false)
      return parsed.caseSafe
    }
    return .json(200, .array(results.enumerated().map { Self.saveResult($1, givenID: ids[$0]) }))
  }

  // MARK: upsert and retrieve by an external ID

  func lookupField(_ object: SObjectDefinition, _ name: String, _ version: APIVersion) throws -> FieldDefinition {
    guard
      let field = model.fields(of: object, in: version).first(where: {
        $0.name.caseInsensitiveCompare(name) == .orderedSame && ($0.isIDLookup || $0.isExternalID)
      })
    else {
      throw APIError(
        status: 404,
        APIProblem("NOT_FOUND", "Provided external ID field does not exist or is not accessible: \(name)"))
    }
    return field
  }

  func matches(
    _ session: any StoreSession, _ object: SObjectDefinition, field: FieldDefinition, value: String
  ) async throws -> [String] {
    let sql = SQLText(dialect: session.dialect)
    let statement =
      "SELECT \(sql.q("Id")) FROM \(sql.q(object.name)) WHERE \(sql.q(field.name)) = \(sql.placeholder(1, type: nil)) AND \(sql.q("IsDeleted")) = \(sql.placeholder(2, type: nil)) ORDER BY \(sql.q("Id")) LIMIT 200"
    let key: SQLValue =
      field.type == .id || field.type == .reference ? .text(AnySalesforceID(value)?.caseSafe ?? value) : .text(value)
    let rows = try await session.query(statement, [key, .bool(false)], types: [.id])
    return rows.compactMap { if case .text(let id) = $0.first { return id } else { return nil } }
  }

  func multipleChoices(_ object: SObjectDefinition, _ ids: [String], _ version: APIVersion) -> CoreResponse {
    .json(300, .array(ids.map { .string("/services/data/v\(version)/sobjects/\(object.name)/\($0)") }))
  }

  public func retrieve(
    object name: String, field fieldName: String, value: String, fields: String?, version: APIVersion
  ) async throws -> CoreResponse {
    let object = try resolveObject(name, version, for: .retrieve)
    let field = try lookupField(object, fieldName, version)
    let selected = try selectedFields(object, fields, version)
    let found = try await store.read { session -> [(String, [String: SQLValue])] in
      var rows: [(String, [String: SQLValue])] = []
      for id in try await self.matches(session, object, field: field, value: value) {
        if let row = try await self.fetch(session, object, id: id, fields: selected) { rows.append((id, row.values)) }
      }
      return rows
    }
    switch found.count {
    case 0: throw APIError.notFound
    case 1:
      return .json(200, recordJSON(object, id: found[0].0, values: found[0].1, fields: selected, version: version))
    default: return multipleChoices(object, found.map(\.0), version)
    }
  }

  public func upsert(object name: String, field fieldName: String, value: String, version: APIVersion, body: Data)
    async throws -> CoreResponse
  {
    let object = try resolveObject(name, version, for: .upsert, method: "PATCH")
    let field = try lookupField(object, fieldName, version)
    var fields = try Self.bodyObject(body)
    if let given = fields.first(where: { $0.key.caseInsensitiveCompare(field.name) == .orderedSame }),
      given.value != .string(value)
    {
      throw APIError(
        status: 400,
        APIProblem(
          "INVALID_FIELD", "The value of \(field.name) in the body does not match the value in the URL",
          fields: [field.name]))
    }
    fields = fields.filter { $0.key.caseInsensitiveCompare(field.name) != .orderedSame }
    let bodyFields = fields
    let outcome = try await store.write { session -> (String, Bool, [String]) in
      let ids = try await self.matches(session, object, field: field, value: value)
      switch ids.count {
      case 0:
        guard field.type != .id else { throw APIError.notFound }
        var createBody = bodyFields
        createBody[field.name] = .string(value)
        return (try await self.create(session, object, body: createBody, version: version), true, ids)
      case 1:
        try await self.update(session, object, id: ids[0], body: bodyFields, version: version)
        return (ids[0], false, ids)
      default:
        return ("", false, ids)
      }
    }
    if outcome.2.count > 1 { return multipleChoices(object, outcome.2, version) }
    return .json(
      outcome.1 ? 201 : 200,
      .object([("id", .string(outcome.0)), ("success", true), ("errors", []), ("created", .bool(outcome.1))]))
  }

  // MARK: sObject Collections

  /// Runs `count` operations in one transaction, each in a savepoint; with `allOrNone`, one
  /// failure rolls every one back. Each result: the ID, or the refusal.
  func collection(
    count: Int, allOrNone: Bool,
    _ operation: @escaping @Sendable (any StoreSession, Int) async throws -> String
  ) async throws -> [Result<String, APIError>] {
    struct RolledBack: Error { var results: [Result<String, APIError>] }
    do {
      return try await store.write { session in
        var results: [Result<String, APIError>] = []
        for index in 0..<count {
          try await session.execute("SAVEPOINT record", [])
          do {
            results.append(.success(try await operation(session, index)))
            try await session.execute("RELEASE SAVEPOINT record", [])
          } catch let error as APIError {
            try await session.execute("ROLLBACK TO SAVEPOINT record", [])
            try await session.execute("RELEASE SAVEPOINT record", [])
            results.append(.failure(error))
          }
        }
        if allOrNone, results.contains(where: { if case .failure = $0 { true } else { false } }) {
          throw RolledBack(results: results)
        }
        return results
      }
    } catch let rolledBack as RolledBack {
      let problem = APIProblem(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header")
      return rolledBack.results.map {
        if case .failure = $0 { return $0 }
        return .failure(APIError(status: 400, problem))
      }
    }
  }

  static func saveResult(_ result: Result<String, APIError>, givenID: String? = nil) -> JSONValue {
    switch result {
    case .success(let id): return .object([("id", .string(id)), ("success", true), ("errors", [])])
    case .failure(let error):
      var pairs: [(String, JSONValue)] = []
      if let givenID { pairs.append(("id", .string(givenID))) }
      pairs += [("success", false), ("errors", .array(error.problems.map(\.saveResultJSON)))]
      return .object(pairs)
    }
  }

  /// The records of a collection body, each with its object from `attributes.type`.
  func collectionRecords(_ data: Data) throws -> (records: [[String: JSONInput]], allOrNone: Bool) {
    let body = try Self.bodyObject(data)
    guard case .array(let items)? = body["records"] else {
      throw APIError(status: 400, APIProblem("INVALID_FIELD", "The request body must hold a records array"))
    }
    guard items.count <= 200 else {
      throw APIError(
        status: 400,
        APIProblem("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call"))
    }
    var allOrNone = false
    if case .bool(let flag)? = body["allOrNone"] { allOrNone = flag }
    return (items.map { $0.objectMembers ?? [:] }, allOrNone)
  }

  func collectionObject(_ record: [String: JSONInput], _ version: APIVersion, _ call: SupportedCall) throws
    -> SObjectDefinition
  {
    guard case .object(let attributes)? = record["attributes"], case .string(let type)? = attributes["type"] else {
      throw APIError(status: 400, APIProblem("INVALID_TYPE", "Must send a concrete entity type."))
    }
    guard let object = model.object(named: type, in: version) else {
      throw APIError(status: 400, APIProblem("INVALID_TYPE", "sObject type '\(type)' is not supported."))
    }
    guard object.supports(call) else {
      throw APIError(
        status: 400,
        APIProblem("INVALID_TYPE_FOR_OPERATION", "entity type \(object.name) does not support \(call.rawValue)"))
    }
    return object
  }

  public func createCollection(version: APIVersion, body: Data) async throws -> CoreResponse {
    let (records, allOrNone) = try collectionRecords(body)
    let results = try await collection(count: records.count, allOrNone: allOrNone) { session, index in
      let object = try self.collectionObject(records[index], version, .create)
      if records[index].keys.contains(where: { $0.lowercased() == "id" }) {
        throw APIError(status: 400, APIProblem("INVALID_FIELD", "cannot specify Id in an insert call", fields: ["Id"]))
      }
      return try await self.create(session, object, body: records[index], version: version)
    }
    return .json(200, .array(results.map { Self.saveResult($0) }))
  }

  public func updateCollection(version: APIVersion, body: Data) async throws -> CoreResponse {
    let (records, allOrNone) = try collectionRecords(body)
    let results = try await collection(count: records.count, allOrNone: allOrNone) { session, index in
      var record = records[index]
      let object = try self.collectionObject(record, version, .update)
      guard let key = record.keys.first(where: { $0.lowercased() == "id" }), case .string(let text)? = record[key]
      else {
        throw APIError(
          status: 400, APIProblem("MISSING_ARGUMENT", "Id not specified in an update call", fields: ["Id"]))
      }
      record[key] = nil
      let id = try self.recordID(text, of: object)
      try await self.update(session, object, id: id, body: record, version: version)
      return id
    }
    return .json(200, .array(results.map { Self.saveResult($0) }))
  }

  public func deleteCollection(ids: [String], allOrNone: Bool, version: APIVersion) async throws -> CoreResponse {
    guard ids.count <= 200 else {
      throw APIError(
        status: 400,
        APIProblem("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call"))
    }
    let results = try await collection(count: ids.count, allOrNone: allOrNone) { session, index in
      guard let parsed = AnySalesforceID(ids[index]) else { throw APIError(status: 400, .malformedID(ids[index])) }
      guard let object = self.model.object(withKeyPrefix: parsed.keyPrefix), object.isAvailable(in: version) else {
        throw APIError(status: 404, APIProblem("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"))
      }
      guard object.supports(.delete) else {
        throw APIError(
          status: 400, APIProblem("INVALID_TYPE_FOR_OPERATION", "entity type \(object.name) does not support delete"))
      }
      try await self.setDeleted(session, object, id: parsed.caseSafe, deleted: true)
      return parsed.caseSafe
    }
    return .json(200, .array(results.enumerated().map { Self.saveResult($1, givenID: ids[$0]) }))
  }
}

/// The SELECT that `RecordService.fetch` runs for a table and a list of fields, made once per list
/// instead of for every retrieve (a retrieve's CPU fell from about 155 to 128 µs with it). At most
/// `limit` lists are kept: `?fields=` lets a client ask for any list, and the rest are made each time.
final class FetchStatements: Sendable {
  struct Key: Hashable {
    var dialect: SQLDialect
    var table: String
    var fields: [String]
  }

  struct Statement: Sendable {
    var sql: String
    /// The columns' names and types, in the SELECT's order.
    var names: [String]
    var types: [SQLColumnType]
  }

  static let limit = 4_096
  private let statements = Memo<Key, Statement>(limit: limit)

  /// The kept statement for `key`, or the one `make` makes, kept while there is room.
  func statement(for key: Key, make: () -> Statement) -> Statement { statements.value(for: key, make: make) }

  /// How many lists are kept (for tests).
  var count: Int { statements.count }
}
