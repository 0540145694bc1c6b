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

/// Builds request bodies: collects the fields a request holds and the problems found.
public struct RequestBodyBuilder<Record: SObject> {
  public let operation: RequestOperation
  public let apiVersion: APIVersion?
  public private(set) var issues: [RequestValidationIssue] = []
  private var members: [(String, any Encodable & Sendable)] = []

  public init(operation: RequestOperation, apiVersion: APIVersion?) {
    self.operation = operation
    self.apiVersion = apiVersion
  }

  /// Adds a field the record has set (nil values are left out), checking that the operation may set it.
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
      members.append((metadata.apiName, value))
    }
  }

  /// Sends a field as null, clearing it; the field must be updateable and nillable.
  public mutating func clear(_ field: Record.Field) {
    let metadata = field.metadata
    if operation == .create || !metadata.isUpdateable {
      issues.append(
        operation == .create ? .fieldNotCreateable(metadata.apiName) : .fieldNotUpdateable(metadata.apiName))
    } else if !metadata.isNillable {
      issues.append(.fieldNotNillable(metadata.apiName))
    } else {
      members.removeAll { $0.0 == metadata.apiName }
      members.append((metadata.apiName, Optional<String>.none))
    }
  }

  /// Adds a picklist field, also checking a restricted picklist's value against its list.
  public mutating func add<Value: PicklistValue>(picklist field: Record.Field, _ value: Value?) {
    if let value, field.metadata.isRestrictedPicklist, !value.isKnown {
      issues.append(
        .restrictedPicklistViolation(
          field: field.metadata.apiName, value: value.rawValue, allowed: Value.knownValues.map(\.rawValue)))
    }
    add(field, value)
  }

  /// The body, or every problem found.
  public func body() throws -> RequestBody {
    guard issues.isEmpty else {
      throw RequestValidationError(object: Record.apiName, operation: operation, issues: issues)
    }
    return RequestBody(members: members)
  }
}

/// A validated create or update body: encodes as a JSON object of the fields it holds.
public struct RequestBody: Encodable, Sendable {
  let members: [(String, any Encodable & Sendable)]

  /// The API names of the fields in the body, in field order.
  public var fieldNames: [String] { members.map(\.0) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: NameKey.self)
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
