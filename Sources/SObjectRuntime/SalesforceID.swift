/// A Salesforce record ID: 15 case-sensitive or 18 case-insensitive characters.
public struct AnySalesforceID: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
  public let rawValue: String

  /// Accepts a 15-character ID, or an 18-character ID whose last three characters are the checksum
  /// of the first fifteen.
  public init?(_ text: String) {
    guard AnySalesforceID.isValid(text) else { return nil }
    rawValue = text
  }

  public var description: String { rawValue }

  /// The first three characters: which object the record belongs to.
  public var keyPrefix: String { String(rawValue.prefix(3)) }

  /// The 18-character form.
  public var caseSafe: String {
    rawValue.count == 18 ? rawValue : rawValue + AnySalesforceID.checksum(of: Array(rawValue.utf8))
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    if let problem = AnySalesforceID.problem(with: text) {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
    }
    self.rawValue = text
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  static func isValid(_ text: String) -> Bool { problem(with: text) == nil }

  /// Why a text is not a Salesforce ID, in a sentence; nil when it is one.
  public static func problem(with text: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count == 15 || bytes.count == 18 else {
      return "'\(text)' is not a 15- or 18-character Salesforce ID (it has \(text.count) characters)"
    }
    guard bytes.allSatisfy({ isAlphanumeric($0) }) else {
      return "'\(text)' is not a Salesforce ID: an ID holds only letters and digits"
    }
    if bytes.count == 18 {
      let expected = checksum(of: Array(bytes[..<15]))
      let given = String(decoding: bytes[15...], as: UTF8.self)
      if given.uppercased() != expected {
        return
          "'\(text)' has a wrong checksum: the last three characters of this 18-character ID must be '\(expected)', not '\(given)'"
      }
    }
    return nil
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
  }

  /// Salesforce's suffix: for each five characters, a bit per upper-case letter, read as an index
  /// into A–Z0–5.
  static func checksum(of first15: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
    var suffix = ""
    for chunk in 0..<3 {
      var index = 0
      for position in 0..<5 where (65...90).contains(first15[chunk * 5 + position]) {
        index |= 1 << position
      }
      suffix.append(alphabet[index])
    }
    return suffix
  }
}

/// The ID of a record of one object: `SalesforceID<User>` cannot hold an Account's ID by mistake.
public struct SalesforceID<Object>: Hashable, Sendable, Codable, CustomStringConvertible {
  public let untyped: AnySalesforceID

  public init?(_ text: String) {
    guard let id = AnySalesforceID(text) else { return nil }
    untyped = id
  }

  public init(_ id: AnySalesforceID) { untyped = id }

  public var rawValue: String { untyped.rawValue }
  public var description: String { untyped.rawValue }
  public var keyPrefix: String { untyped.keyPrefix }

  public init(from decoder: any Decoder) throws {
    untyped = try AnySalesforceID(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    try untyped.encode(to: encoder)
  }
}

/// A reference that may point to records of several objects (a polymorphic field). Generated
/// enums conform: one case per target object, told apart by the ID's key prefix, and a case for an
/// ID whose prefix belongs to none of them.
public protocol PolymorphicReference: Hashable, Sendable, Codable {
  /// The target an ID points to, by its key prefix.
  init(resolving id: AnySalesforceID)
  var id: AnySalesforceID { get }
  /// The API names of the objects the field may point to.
  static var targetObjects: [String] { get }
}

extension PolymorphicReference {
  public init(from decoder: any Decoder) throws {
    self.init(resolving: try AnySalesforceID(from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    try id.encode(to: encoder)
  }
}
