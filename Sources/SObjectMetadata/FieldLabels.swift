/// Labels Salesforce would derive from API names, used where the metadata gives no label.
public enum FieldLabels {
  /// "CommunicationChannel" → "Communication Channel", "OwnerId" → "Owner ID",
  /// "IsAttendeeVerified" → "Attendee Verified".
  public static func label(forAPIName name: String) -> String {
    var stem = Substring(name)
    for suffix in ["__c", "__pc"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
    if stem.hasPrefix("Is"), stem.count > 2, stem.dropFirst(2).first?.isUppercase == true {
      stem = stem.dropFirst(2)
    }
    var words = NameWords.split(String(stem))
    if words.last == "Id" { words[words.count - 1] = "ID" }
    return words.joined(separator: " ")
  }

  /// "ContextId" → "Context": Salesforce names a standard relationship after its field, less `Id`.
  public static func relationshipName(forAPIName name: String) -> String {
    if name.hasSuffix("__c") { return String(name.dropLast(3)) + "__r" }
    if name.hasSuffix("Id"), name.count > 2 { return String(name.dropLast(2)) }
    return name
  }
}

/// Splits names into words, the way labels and Swift names need them.
public enum NameWords {
  /// "CommunicationChannel" → [Communication, Channel]; "URLField" → [URL, Field];
  /// "Customer_Tier" → [Customer, Tier]; "In Person" → [In, Person]. Anything but letters and digits
  /// separates words.
  public static func split(_ name: String) -> [String] {
    asciiSplit(name) ?? splitCharacters(name)
  }

  /// `split` on the bytes of an ASCII name (a label is made this way for every field without one);
  /// nil for other names.
  static func asciiSplit(_ name: String) -> [String]? {
    var name = name
    return name.withUTF8 { bytes in
      asciiWordRanges(bytes)?.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }
  }

  /// Where `split`'s words lie in the bytes of an ASCII name, in order; nil when a byte is not
  /// ASCII. In ASCII, letters and digits are `A`–`Z`, `a`–`z` and `0`–`9`, and a word ends before a
  /// separator, before a capital that follows a small letter or a digit, and before the last of a
  /// run of capitals that a small letter follows (`URLField` → `URL`, `Field`), as in
  /// `splitCharacters`. Swift names are cased from these ranges too (`SwiftNames.asciiCamel`).
  public static func asciiWordRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
    guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
    func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
    func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    var words: [Range<Int>] = []
    var start: Int?  // where the current word starts; it runs up to the byte before `index`
    func endWord(at end: Int) {
      if let first = start { words.append(first..<end) }
      start = nil
    }
    for index in bytes.indices {
      let byte = bytes[index]
      guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
        endWord(at: index)
        continue
      }
      if isUpper(byte), start != nil {
        let previous = bytes[index - 1]
        let nextIsLower = index + 1 < bytes.count && isLower(bytes[index + 1])
        if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextIsLower) { endWord(at: index) }
      }
      if start == nil { start = index }
    }
    endWord(at: bytes.count)
    return words
  }

  static func splitCharacters(_ name: String) -> [String] {
    var words: [String] = []
    var current = ""
    let characters = Array(name)
    for (index, character) in characters.enumerated() {
      guard character.isLetter || character.isNumber else {
        if !current.isEmpty { words.append(current) }
        current = ""
        continue
      }
      if character.isUppercase, let previous = current.last {
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
          words.append(current)
          current = ""
        }
      }
      current.append(character)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
