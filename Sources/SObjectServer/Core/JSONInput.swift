import Foundation

/// A request body as JSON, read by Foundation's parser: objects, arrays and scalars, numbers kept
/// as whole numbers where they are ones.
public indirect enum JSONInput: Sendable, Hashable, Decodable {
  case null
  case bool(Bool)
  case integer(Int64)
  case double(Double)
  case string(String)
  case array([JSONInput])
  case object([String: JSONInput])

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: Key.self) {
      var members: [String: JSONInput] = [:]
      for key in container.allKeys { members[key.stringValue] = try container.decode(JSONInput.self, forKey: key) }
      self = .object(members)
    } else if var container = try? decoder.unkeyedContainer() {
      var elements: [JSONInput] = []
      while !container.isAtEnd { elements.append(try container.decode(JSONInput.self)) }
      self = .array(elements)
    } else {
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
        self = .string(try container.decode(String.self))
      }
    }
  }

  /// Parses a body; anything that is not JSON is Salesforce's JSON_PARSER_ERROR.
  public static func parse(_ data: Data) throws(APIError) -> JSONInput {
    do {
      return try JSONDecoder().decode(JSONInput.self, from: data)
    } catch let error as DecodingError {
      let detail: String
      switch error {
      case .dataCorrupted(let context): detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
      default: detail = "\(error)"
      }
      throw APIError(status: 400, APIProblem("JSON_PARSER_ERROR", "The request body is not valid JSON: \(detail)"))
    } catch {
      throw APIError(status: 400, APIProblem("JSON_PARSER_ERROR", "The request body is not valid JSON"))
    }
  }

  var objectMembers: [String: JSONInput]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// How Salesforce's parser names the JSON token in "Cannot deserialize…" messages.
  var tokenName: String {
    switch self {
    case .null: return "VALUE_NULL"
    case .bool(let flag): return flag ? "VALUE_TRUE" : "VALUE_FALSE"
    case .integer: return "VALUE_NUMBER_INT"
    case .double: return "VALUE_NUMBER_FLOAT"
    case .string: return "VALUE_STRING"
    case .array: return "START_ARRAY"
    case .object: return "START_OBJECT"
    }
  }
}
