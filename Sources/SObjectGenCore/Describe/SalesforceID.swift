import SObjectRuntime

/// Salesforce record IDs derived from names, so that generated layouts, sections and record types
/// carry the same IDs on every run.
public enum SalesforceID {
  /// The ID of the Master record type, the same in every org.
  public static let masterRecordTypeID = "012000000000000AAA"

  /// An 18-character ID with the given 3-character key prefix (`00h` layouts, `01B` layout
  /// sections, `012` record types): the prefix, 12 base-62 characters of a stable hash of `name`,
  /// then Salesforce's 3-character case-safe suffix.
  public static func derived(prefix: String, from name: String) -> String {
    precondition(prefix.count == 3, "a key prefix has 3 characters")
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    var hash = fnv1a64(name)
    var body = ""
    for _ in 0..<12 {
      body.append(alphabet[Int(hash % 62)])
      hash /= 62
    }
    return caseSafe(prefix + body)
  }

  /// The 18-character form of a 15-character ID, with Salesforce's case-safe suffix (computed by
  /// the runtime's `AnySalesforceID`, which also checks it when models decode IDs).
  public static func caseSafe(_ id15: String) -> String {
    precondition(id15.count == 15, "a case-sensitive ID has 15 characters")
    guard let id = AnySalesforceID(id15) else { preconditionFailure("'\(id15)' has characters an ID cannot have") }
    return id.caseSafe
  }

  /// 64-bit FNV-1a over the UTF-8 bytes: stable across runs and platforms (unlike `Hasher`).
  static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}
