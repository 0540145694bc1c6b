import Foundation

/// A record type generated from the metadata: one Salesforce object.
public protocol SObject: Codable, Hashable, Sendable {
  associatedtype Field: SObjectField

  /// The object's API name (`EngagementInteraction`).
  static var apiName: String { get }
  /// The three-character prefix of the object's record IDs, when the metadata declares one.
  static var keyPrefix: String? { get }
  /// The API version the object appeared in; nil when it is in every version.
  static var since: APIVersion? { get }
}

/// The fields of one object, with their static metadata.
public protocol SObjectField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
  var metadata: FieldMetadata { get }
}

/// What the metadata says of a field, available at run time.
public struct FieldMetadata: Hashable, Sendable {
  public enum FieldType: String, Hashable, Sendable {
    case id, string, textarea, phone, email, url, boolean, date, datetime, time, int, long, double
    case currency, percent, picklist, multipicklist, combobox, reference, encryptedstring, base64
  }

  public var apiName: String
  public var label: String
  public var type: FieldType
  public var isCreateable: Bool
  public var isUpdateable: Bool
  public var isNillable: Bool
  public var isDefaultedOnCreate: Bool
  /// "Required." on the reference page: must be given on create even where the API says nillable.
  public var isRequired: Bool
  /// "Read-only." on the reference page: the value is derived.
  public var isReadOnly: Bool
  public var isFilterable: Bool
  public var isSortable: Bool
  public var isGroupable: Bool
  public var isIDLookup: Bool
  public var isAutoNumber: Bool
  public var length: Int?
  public var referenceTo: [String]
  public var relationshipName: String?
  public var isRestrictedPicklist: Bool
  public var since: APIVersion?
  /// A create request must give the field (decided by the generator's model: `isRequiredOnCreate`).
  public var isRequiredOnCreate: Bool
  /// The values a request may set a picklist to; nil for any value.
  public var requestValues: [String]?
  /// The largest whole part a number may have in a request, as digits (`int` 9 → 999,999,999);
  /// nil where unlimited.
  public var wholeDigits: Int?
  /// The key prefixes a polymorphic reference's ID must start with in a request; nil for any.
  public var requestKeyPrefixes: [String]?

  public init(
    apiName: String, label: String, type: FieldType, isCreateable: Bool, isUpdateable: Bool,
    isNillable: Bool, isDefaultedOnCreate: Bool, isRequired: Bool = false, isReadOnly: Bool = false,
    isFilterable: Bool = false, isSortable: Bool = false, isGroupable: Bool = false,
    isIDLookup: Bool = false, isAutoNumber: Bool = false, length: Int? = nil,
    referenceTo: [String] = [], relationshipName: String? = nil, isRestrictedPicklist: Bool = false,
    since: APIVersion? = nil, isRequiredOnCreate: Bool = false, requestValues: [String]? = nil,
    wholeDigits: Int? = nil, requestKeyPrefixes: [String]? = nil
  ) {
    self.apiName = apiName
    self.label = label
    self.type = type
    self.isCreateable = isCreateable
    self.isUpdateable = isUpdateable
    self.isNillable = isNillable
    self.isDefaultedOnCreate = isDefaultedOnCreate
    self.isRequired = isRequired
    self.isReadOnly = isReadOnly
    self.isFilterable = isFilterable
    self.isSortable = isSortable
    self.isGroupable = isGroupable
    self.isIDLookup = isIDLookup
    self.isAutoNumber = isAutoNumber
    self.length = length
    self.referenceTo = referenceTo
    self.relationshipName = relationshipName
    self.isRestrictedPicklist = isRestrictedPicklist
    self.since = since
    self.isRequiredOnCreate = isRequiredOnCreate
    self.requestValues = requestValues
    self.wholeDigits = wholeDigits
    self.requestKeyPrefixes = requestKeyPrefixes
  }

  public func isAvailable(in version: APIVersion) -> Bool { since.map { $0 <= version } ?? true }
}

/// The `attributes` member of a REST record: its type and URL.
public struct RecordAttributes: Codable, Hashable, Sendable {
  public var type: String
  public var url: String?

  public init(type: String, url: String? = nil) {
    self.type = type
    self.url = url
  }
}

/// A Salesforce API version such as `57.0`.
public struct APIVersion: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
  public var major: Int

  public init(_ major: Int) { self.major = major }

  public var description: String { "\(major).0" }

  public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool { lhs.major < rhs.major }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard text.hasSuffix(".0"), let major = Int(text.dropLast(2)) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not an API version: \(text)"))
    }
    self.major = major
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension CodingUserInfoKey {
  /// Set an `APIVersion` here on a `JSONEncoder` to encode records as that API version sees them:
  /// fields newer than it are left out.
  public static let salesforceAPIVersion = CodingUserInfoKey(rawValue: "SObjectRuntime.apiVersion")!
}

extension Encoder {
  /// The API version records are being encoded for, if one was set.
  public var salesforceAPIVersion: APIVersion? { userInfo[.salesforceAPIVersion] as? APIVersion }
}

/// Where generated code gets the current time, so that tests can fix it.
public protocol SObjectClock: Sendable {
  func now() -> Date
}

public struct SystemClock: SObjectClock {
  public init() {}
  public func now() -> Date { Date() }
}

/// A clock that always tells the same time.
public struct FixedClock: SObjectClock {
  public var date: Date
  public init(_ date: Date) { self.date = date }
  public func now() -> Date { date }
}
