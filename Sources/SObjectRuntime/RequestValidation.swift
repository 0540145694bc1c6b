/// What a request body is for.
public enum RequestOperation: Hashable, Sendable {
  case create
  case update
}

/// One problem with a record as a request body.
public enum RequestValidationIssue: Hashable, Sendable, CustomStringConvertible {
  /// A field that a create request must give was not set.
  case missingRequiredField(String)
  /// A field was set that the operation cannot set.
  case fieldNotCreateable(String)
  case fieldNotUpdateable(String)
  /// A field that cannot be empty was to be cleared.
  case fieldNotNillable(String)
  /// A restricted picklist was set to a value outside its list.
  case restrictedPicklistViolation(field: String, value: String, allowed: [String])
  /// A field was set that does not exist in the API version the request is for.
  case fieldNotInAPIVersion(field: String, since: APIVersion, version: APIVersion)
  /// A text value longer than the field's length.
  case valueTooLong(field: String, length: Int, maximum: Int)
  /// A number with more whole digits than the field holds.
  case tooManyDigits(field: String, digits: Int)
  /// A polymorphic reference to an ID whose key prefix belongs to none of the field's targets.
  case unknownKeyPrefix(field: String, prefix: String, allowed: [String])
  /// A cross-field rule: none of the fields has a value (create), or all are cleared (update).
  case noneOfFieldsSet([String])

  public var description: String {
    switch self {
    case .missingRequiredField(let field): return "\(field) is required"
    case .fieldNotCreateable(let field): return "\(field) cannot be set on create"
    case .fieldNotUpdateable(let field): return "\(field) cannot be updated"
    case .fieldNotNillable(let field): return "\(field) cannot be cleared"
    case .restrictedPicklistViolation(let field, let value, let allowed):
      return "\(field) does not allow '\(value)'; allowed: \(allowed.joined(separator: ", "))"
    case .fieldNotInAPIVersion(let field, let since, let version):
      return "\(field) is available from API version \(since), not in \(version)"
    case .valueTooLong(let field, let length, let maximum):
      return "\(field) holds at most \(maximum) characters, not \(length)"
    case .tooManyDigits(let field, let digits):
      return "\(field) holds at most \(digits) digits before the point"
    case .unknownKeyPrefix(let field, let prefix, let allowed):
      return "\(field) cannot point to an ID starting '\(prefix)'; allowed: \(allowed.joined(separator: ", "))"
    case .noneOfFieldsSet(let fields):
      return "at least one of \(fields.joined(separator: ", ")) must have a value"
    }
  }
}

/// Every problem that stops a record from being sent, reported at once.
public struct RequestValidationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var object: String
  public var operation: RequestOperation
  public var issues: [RequestValidationIssue]

  public init(object: String, operation: RequestOperation, issues: [RequestValidationIssue]) {
    self.object = object
    self.operation = operation
    self.issues = issues
  }

  public var description: String {
    "\(object) cannot be sent as a \(operation) request: " + issues.map(\.description).joined(separator: "; ")
  }
}

/// A picklist enum: known values as cases, and (where the admin may extend the list or the API
/// does not restrict it) any other value kept as it came.
public protocol PicklistValue: Hashable, Sendable, Codable, RawRepresentable where RawValue == String {
  /// The values the metadata lists, in its order.
  static var knownValues: [Self] { get }
  /// Whether the value is one of `knownValues`.
  var isKnown: Bool { get }
}

extension PicklistValue {
  public var isKnown: Bool { Self.knownValues.contains(self) }
}

/// Builds request bodies: collects the fields a request holds and the problems found. Every check
/// reads the field's metadata, which the generator fills from its resolved model.
public struct RequestBodyBuilder<Record: SObject> {
  public let operation: RequestOperation
  public let apiVersion: APIVersion?
  public private(set) var issues: [RequestValidationIssue] = []
  private var members: [(String, any Encodable & Sendable)] = []
  private var attributes: RecordAttributes?
  /// Fields sent as null.
  private var nulls: Set<String> = []

  public init(operation: RequestOperation, apiVersion: APIVersion?) {
    self.operation = operation
    self.apiVersion = apiVersion
  }

  /// Sends the record's `attributes` first, when it has them (sObject Collections require them).
  public mutating func add(attributes: RecordAttributes?) {
    self.attributes = attributes
  }

  /// Adds a field the record has set (nil values are left out), checking that the operation may set
  /// it and that the value fits: length, digits, a restricted picklist's values, a polymorphic
  /// reference's key prefixes.
  public mutating func add<Value: Encodable & Sendable>(_ field: Record.Field, _ value: Value?) {
    let metadata = field.metadata
    guard let value else {
      if operation == .create, metadata.isRequiredOnCreate {
        issues.append(.missingRequiredField(metadata.apiName))
      }
      return
    }
    if let apiVersion, let since = metadata.since, since > apiVersion {
      issues.append(.fieldNotInAPIVersion(field: metadata.apiName, since: since, version: apiVersion))
      return
    }
    switch operation {
    case .create where !metadata.isCreateable:
      issues.append(.fieldNotCreateable(metadata.apiName))
    case .update where !metadata.isUpdateable:
      issues.append(.fieldNotUpdateable(metadata.apiName))
    default:
      let problems = Self.problems(with: value, of: metadata)
      issues += problems
      if problems.isEmpty { members.append((metadata.apiName, value)) }
    }
  }

  private static func problems(with value: Any, of metadata: FieldMetadata) -> [RequestValidationIssue] {
    let name = metadata.apiName
    var problems: [RequestValidationIssue] = []
    if let values = metadata.requestValues {
      let selected: [String]
      switch value {
      case let multiple as any MultiplePicklistValues: selected = multiple.selectedRawValues
      case let single as any PicklistValue: selected = [single.rawValue]
      default: selected = []
      }
      for item in selected where !values.contains(item) {
        problems.append(.restrictedPicklistViolation(field: name, value: item, allowed: values))
      }
    }
    if let length = metadata.length, metadata.type != .id, metadata.type != .reference {
      let count: Int?
      switch value {
      case let text as String: count = text.count
      case let picklist as any PicklistValue: count = picklist.rawValue.count
      default: count = nil
      }
      if let count, count > length { problems.append(.valueTooLong(field: name, length: count, maximum: length)) }
    }
    if let digits = metadata.wholeDigits {
      // 10^digits, exact for whole numbers (up to 18 digits fit in 64 bits).
      let bound = (0..<min(digits, 18)).reduce(UInt64(1)) { value, _ in value * 10 }
      let tooLarge: Bool
      switch value {
      case let number as Int: tooLarge = digits <= 18 && UInt64(number.magnitude) >= bound
      case let number as Int64: tooLarge = digits <= 18 && number.magnitude >= bound
      case let number as Double: tooLarge = number.magnitude >= Double(bound)
      default: tooLarge = false
      }
      if tooLarge { problems.append(.tooManyDigits(field: name, digits: digits)) }
    }
    if let prefixes = metadata.requestKeyPrefixes, let reference = value as? any PolymorphicReference,
      !prefixes.contains(reference.id.keyPrefix)
    {
      problems.append(.unknownKeyPrefix(field: name, prefix: reference.id.keyPrefix, allowed: prefixes))
    }
    return problems
  }

  /// Sends a field as null. Update: clears it; the field must be updateable and nillable. Create:
  /// the same as leaving it out, for a createable, nillable field that is not required on create.
  public mutating func clear(_ field: Record.Field) {
    let metadata = field.metadata
    switch operation {
    case .create where !metadata.isCreateable: issues.append(.fieldNotCreateable(metadata.apiName))
    case .update where !metadata.isUpdateable: issues.append(.fieldNotUpdateable(metadata.apiName))
    case .create where metadata.isRequiredOnCreate:
      if !issues.contains(.missingRequiredField(metadata.apiName)) {
        issues.append(.missingRequiredField(metadata.apiName))
      }
    case _ where !metadata.isNillable: issues.append(.fieldNotNillable(metadata.apiName))
    default:
      members.removeAll { $0.0 == metadata.apiName }
      members.append((metadata.apiName, Optional<String>.none))
      nulls.insert(metadata.apiName)
    }
  }

  /// A cross-field rule `atLeastOneOf`: a create gives one of the fields a value; an update does
  /// not clear them all.
  public mutating func requireAtLeastOne(of fields: [Record.Field]) {
    let names = fields.map(\.metadata.apiName)
    let violated: Bool
    switch operation {
    case .create: violated = !names.contains { name in members.contains { $0.0 == name } && !nulls.contains(name) }
    case .update: violated = names.allSatisfy(nulls.contains)
    }
    if violated { issues.append(.noneOfFieldsSet(names)) }
  }

  /// Adds a picklist field (its value is checked by `add`).
  public mutating func add<Value: PicklistValue>(picklist field: Record.Field, _ value: Value?) {
    add(field, value)
  }

  /// The body, or every problem found.
  public func body() throws -> RequestBody {
    guard issues.isEmpty else {
      throw RequestValidationError(object: Record.apiName, operation: operation, issues: issues)
    }
    return RequestBody(members: members, attributes: attributes)
  }
}

/// A validated create or update body: encodes as a JSON object of the fields it holds.
public struct RequestBody: Encodable, Sendable {
  let members: [(String, any Encodable & Sendable)]
  var attributes: RecordAttributes? = nil

  /// The API names of the fields in the body, in field order (`attributes` is not a field).
  public var fieldNames: [String] { members.map(\.0) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NameKey.self)
    try container.encodeIfPresent(attributes, forKey: NameKey("attributes"))
    for (name, value) in members {
      try container.encode(value, forKey: NameKey(name))
    }
  }

  struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

extension RequestValidationIssue {
  /// The field the issue names (the first of a cross-field rule's).
  public var field: String {
    switch self {
    case .missingRequiredField(let field), .fieldNotCreateable(let field), .fieldNotUpdateable(let field),
      .fieldNotNillable(let field):
      return field
    case .restrictedPicklistViolation(let field, _, _), .fieldNotInAPIVersion(let field, _, _),
      .valueTooLong(let field, _, _), .tooManyDigits(let field, _), .unknownKeyPrefix(let field, _, _):
      return field
    case .noneOfFieldsSet(let fields): return fields.first ?? ""
    }
  }
}
