import SObjectGenCore

/// One problem as Salesforce's REST API reports it: `errorCode`, `message`, and the fields it is
/// about.
public struct APIProblem: Sendable, Hashable, Error {
  public var errorCode: String
  public var message: String
  public var fields: [String]

  public init(_ errorCode: String, _ message: String, fields: [String] = []) {
    self.errorCode = errorCode
    self.message = message
    self.fields = fields
  }

  /// As a top-level error list holds it: `{"message", "errorCode", "fields"}`.
  var restJSON: JSONValue {
    var pairs: [(String, JSONValue)] = [("message", .string(message)), ("errorCode", .string(errorCode))]
    if !fields.isEmpty { pairs.append(("fields", .array(fields.map(JSONValue.string)))) }
    return .object(pairs)
  }

  /// As a save result holds it (create, sObject Collections): `{"statusCode", "message", "fields"}`.
  var saveResultJSON: JSONValue {
    .object([
      ("statusCode", .string(errorCode)), ("message", .string(message)),
      ("fields", .array(fields.map(JSONValue.string))),
    ])
  }

  // The errors the server gives, in Salesforce's words.
  static let notFound = APIProblem("NOT_FOUND", "The requested resource does not exist")
  static let entityIsDeleted = APIProblem("ENTITY_IS_DELETED", "entity is deleted")
  static func malformedID(_ text: String) -> APIProblem {
    APIProblem("MALFORMED_ID", "malformed id \(text)")
  }
  static func invalidField(_ name: String, object: String) -> APIProblem {
    APIProblem("INVALID_FIELD", "No such column '\(name)' on sobject of type \(object)")
  }
  static func notSupported(_ object: String) -> APIProblem {
    APIProblem("NOT_FOUND", "The requested resource does not exist")
  }
}

/// A refused request: an HTTP status and every problem found.
public struct APIError: Error, Sendable {
  public var status: Int
  public var problems: [APIProblem]

  public init(status: Int, _ problems: [APIProblem]) {
    self.status = status
    self.problems = problems
  }

  public init(status: Int, _ problem: APIProblem) {
    self.init(status: status, [problem])
  }

  static var notFound: APIError { APIError(status: 404, .notFound) }

  var json: JSONValue { .array(problems.map(\.restJSON)) }
}
