import Dispatch
import Foundation
import SObjectMetadata

/// The cache's file: lines of text, read and written as bytes (a large org's cache has tens of
/// thousands of lines, read and written on every run), ending in a checksum of everything before it.
///
///     sobjectgen-cache 4
///     <key, one or more lines>
///     hashed <nanoseconds>
///     metadata <hash> <size> <modified> <changed> <path>
///     object <fingerprint> <name>
///     file <size> <modified> <changed> <path>
///     aggregates
///     file <size> <modified> <changed> <path>
///     assembled <path>
///     piece <start>-<end>,<start>-<end> <object>
///     checksum <hash of every byte before this line's newline>
extension GenerationCache {
  static let formatLine = "sobjectgen-cache 4"

  /// Reads a cache file; nil when it is missing, unreadable, in another format, fails its checksum,
  /// or was made with another key.
  public static func read(from url: URL, key: String) -> GenerationCache? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    return data.withUnsafeBytes { parse($0, key: key) }
  }

  private static func parse(_ bytes: UnsafeRawBufferPointer, key: String) -> GenerationCache? {
    // The last line, after trailing newlines, is `checksum <hash>` of everything before its newline.
    var end = bytes.count
    while end > 0 && bytes[end - 1] == newline { end -= 1 }
    var checksumLine = end
    while checksumLine > 0 && bytes[checksumLine - 1] != newline { checksumLine -= 1 }
    guard checksumLine > 0 else { return nil }
    var last = CacheLine(bytes, checksumLine..<end)
    let bodyEnd = checksumLine - 1
    guard last.skip("checksum "), let checksum = last.hex(), last.isAtEnd,
      checksum == FileHash.of(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<bodyEnd]))
    else { return nil }
    var lines = CacheLines(bytes, bodyEnd)
    guard var first = lines.next(), first.skip(formatLine), first.isAtEnd else { return nil }
    for keyLine in key.split(separator: "\n", omittingEmptySubsequences: false) {
      guard var line = lines.next(), line.skip(keyLine), line.isAtEnd else { return nil }
    }
    var cache = GenerationCache(key: key, metadataHashes: [:])
    var current: (name: String, entry: Entry)?
    var currentAssembled: (path: String, record: Assembled)?
    func close() {
      if let current { cache.objects[current.name] = current.entry }
      if let currentAssembled { cache.assembled[currentAssembled.path] = currentAssembled.record }
      current = nil
      currentAssembled = nil
    }
    while var line = lines.next() {
      if line.skip("file ") {
        guard let size = line.number(), let modified = line.number(), let changed = line.number(),
          let path = line.rest(), currentAssembled == nil
        else { return nil }
        let stamp = FileStamp(path: path, size: size, modified: modified, changed: changed)
        if current != nil { current!.entry.files.append(stamp) } else { cache.aggregateFiles.append(stamp) }
      } else if line.skip("metadata ") {
        guard let hash = line.hex(), line.skip(" "), let size = line.number(), let modified = line.number(),
          let changed = line.number(), let path = line.rest()
        else { return nil }
        cache.metadataHashes[path] = hash
        cache.metadataStamps[path] = FileStamp(path: path, size: size, modified: modified, changed: changed)
      } else if line.skip("object ") {
        guard let hash = line.hex(), line.skip(" "), let name = line.rest() else { return nil }
        close()
        current = (name, Entry(fingerprint: hash, files: []))
      } else if line.skip("piece ") {
        guard currentAssembled != nil else { return nil }
        // `piece  <object>` (no range) for an object without pieces.
        var ranges: [Range<Int>] = []
        if !line.skip(" ") {
          repeat {
            guard let start = line.number(until: "-"), let end = line.number(until: nil), 0 <= start, start <= end
            else { return nil }
            ranges.append(Int(start)..<Int(end))
          } while line.skip(",")
          guard line.skip(" ") else { return nil }
        }
        guard let name = line.rest() else { return nil }
        currentAssembled!.record.pieces[name] = ranges
      } else if line.skip("assembled ") {
        guard let path = line.rest() else { return nil }
        close()
        currentAssembled = (path, Assembled(pieces: [:]))
      } else if line.skip("aggregates") && line.isAtEnd {
        close()
      } else if line.skip("hashed "), let time = line.number(until: nil), line.isAtEnd {
        cache.metadataHashedAt = time
      } else {
        return nil
      }
    }
    close()
    return cache
  }

  /// Writes the cache atomically, creating its folder.
  public func write(to url: URL) throws {
    // The body in four parts, made on every core and joined in order: this runs at the end of every
    // run that made something, on one core while the other is idle, and a large org's cache has
    // 30,000 lines.
    let objects = self.objects.sorted(by: { $0.key < $1.key })
    let middle = objects.count / 2
    let parts = Locked<[Int: [UInt8]]>([:])
    DispatchQueue.concurrentPerform(iterations: 4) { part in
      var text = CacheText()
      switch part {
      case 0: writeHeaderAndMetadata(to: &text)
      case 1: Self.write(objects[..<middle], to: &text)
      case 2: Self.write(objects[middle...], to: &text)
      default: writeAggregatesAndPieces(to: &text)
      }
      parts.withLock { $0[part] = text.bytes }
    }
    var text = CacheText()
    text.bytes = parts.withLock { parts in (0..<4).flatMap { parts[$0] ?? [] } }
    // The body ends before the last line's newline.
    text.bytes.removeLast()
    let checksum = text.bytes.withUnsafeBytes { FileHash.of(bytes: $0) }
    text.append("\nchecksum ")
    text.appendHex(checksum)
    text.newline()
    try CacheFile.write(Data(text.bytes), to: url)
  }

  private func writeHeaderAndMetadata(to text: inout CacheText) {
    text.line(Self.formatLine)
    text.line(key)
    text.append("hashed ")
    text.append(metadataHashedAt)
    text.newline()
    for (path, hash) in metadataHashes.sorted(by: { $0.key < $1.key }) {
      // A file without a stamp (never trusted without being hashed again) is written with size -1.
      let stamp = metadataStamps[path] ?? FileStamp(path: path, size: -1, modified: 0, changed: 0)
      text.append("metadata ")
      text.appendHex(hash)
      text.stamp(stamp)
    }
  }

  private static func write(_ objects: ArraySlice<(key: String, value: Entry)>, to text: inout CacheText) {
    for (name, entry) in objects {
      text.append("object ")
      text.appendHex(entry.fingerprint)
      text.append(" ")
      text.line(name)
      for file in entry.files {
        text.append("file")
        text.stamp(file)
      }
    }
  }

  private func writeAggregatesAndPieces(to text: inout CacheText) {
    text.line("aggregates")
    for file in aggregateFiles {
      text.append("file")
      text.stamp(file)
    }
    for (path, record) in assembled.sorted(by: { $0.key < $1.key }) {
      text.append("assembled ")
      text.line(path)
      for (name, ranges) in record.pieces.sorted(by: { $0.key < $1.key }) {
        text.append("piece ")
        for (index, range) in ranges.enumerated() {
          if index > 0 { text.append(",") }
          text.append(Int64(range.lowerBound))
          text.append("-")
          text.append(Int64(range.upperBound))
        }
        text.append(" ")
        text.line(name)
      }
    }
  }
}

private let newline = UInt8(ascii: "\n")

/// The lines of a cache file's body, one at a time.
private struct CacheLines {
  let bytes: UnsafeRawBufferPointer
  let end: Int
  var position = 0
  /// Whether the body has been read to its end (an empty body has one empty line).
  var done = false

  init(_ bytes: UnsafeRawBufferPointer, _ end: Int) {
    self.bytes = bytes
    self.end = end
  }

  mutating func next() -> CacheLine? {
    guard !done else { return nil }
    var lineEnd = position
    while lineEnd < end && bytes[lineEnd] != newline { lineEnd += 1 }
    let line = CacheLine(bytes, position..<lineEnd)
    if lineEnd == end { done = true } else { position = lineEnd + 1 }
    return line
  }
}

/// One line of a cache file, read from the front.
private struct CacheLine {
  let bytes: UnsafeRawBufferPointer
  var position: Int
  let end: Int

  init(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
    self.bytes = bytes
    self.position = range.lowerBound
    self.end = range.upperBound
  }

  var isAtEnd: Bool { position == end }

  /// Skips `prefix` when the line goes on with it.
  mutating func skip<S: StringProtocol>(_ prefix: S) -> Bool {
    var index = position
    for byte in prefix.utf8 {
      guard index < end, bytes[index] == byte else { return false }
      index += 1
    }
    position = index
    return true
  }

  /// A decimal number (an optional `-`, then digits) ended by `terminator`, which is skipped; when
  /// nil, by whatever is not a digit.
  mutating func number(until terminator: Character? = " ") -> Int64? {
    var index = position
    let negative = index < end && bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    let digitsStart = index
    var value: Int64 = 0
    while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowAgain) = times10.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
      guard !overflow, !overflowAgain else { return nil }
      value = sum
      index += 1
    }
    guard index > digitsStart else { return nil }
    if let terminator {
      guard index < end, bytes[index] == terminator.asciiValue else { return nil }
      index += 1
    }
    position = index
    return negative ? -value : value
  }

  /// One to sixteen hexadecimal digits.
  mutating func hex() -> UInt64? {
    var index = position
    var value: UInt64 = 0
    while index < end, index - position < 16, let digit = Self.hexDigit(bytes[index]) {
      value = value << 4 | UInt64(digit)
      index += 1
    }
    guard index > position, index == end || Self.hexDigit(bytes[index]) == nil else { return nil }
    position = index
    return value
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The rest of the line as text; nil when it is empty.
  mutating func rest() -> String? {
    guard position < end else { return nil }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    position = end
    return text
  }
}

/// A cache file's text as it is written.
private struct CacheText {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 20) }

  mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

  mutating func line(_ text: String) {
    append(text)
    newline()
  }

  /// In decimal, written digit by digit: `String(number)` allocates for the 19 digits of a time in
  /// nanoseconds, three per file line (63,000 in a large org's cache).
  mutating func append(_ number: Int64) {
    if number < 0 { bytes.append(UInt8(ascii: "-")) }
    let start = bytes.count
    var magnitude = number.magnitude
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    bytes[start...].reverse()
  }

  mutating func appendHex(_ value: UInt64) { ContentHash.appendHex(value, to: &bytes) }

  /// ` <size> <modified> <changed> <path>` and the line's end.
  mutating func stamp(_ file: GenerationCache.FileStamp) {
    bytes.append(UInt8(ascii: " "))
    append(file.size)
    bytes.append(UInt8(ascii: " "))
    append(file.modified)
    bytes.append(UInt8(ascii: " "))
    append(file.changed)
    bytes.append(UInt8(ascii: " "))
    line(file.path)
  }
}
