/// A Salesforce API version such as `55.0`.
public struct APIVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var major: Int

  public init(_ major: Int) {
    self.major = major
  }

  /// Parses `55.0` (the only form Salesforce uses: a whole number, then `.0`).
  public init?(parsing text: String) {
    guard text.hasSuffix(".0") else { return nil }
    let digits = text.dropLast(2)
    guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigit),
      digits.first != "0", let major = Int(digits)
    else { return nil }
    self.major = major
  }

  /// Parses either form the metadata accepts: `56.0`, or the whole number `56` (a YAML integer, a
  /// command-line argument).
  public init?(parsingEitherForm text: String) {
    self.init(parsing: text.contains(".") ? text : text + ".0")
  }

  public var description: String { "\(major).0" }

  public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool { lhs.major < rhs.major }

  /// The version outputs are made for when the metadata names none (the newest the seed pages name).
  public static let defaultOutputVersion = APIVersion(62)
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
