import Foundation
import SObjectMetadata

#if canImport(Glibc)
  import Glibc
#endif

/// What tells one build of the generator from another, for the caches' keys: on Linux the build ID
/// the linker wrote into the running executable (a hash of its contents, a few hundred bytes read
/// from the start of the file), elsewhere or without one the hash of the executable file's bytes
/// (13 MB read and hashed on every run).
enum ExecutableIdentity {
  /// Worked out once per process: every cache key and fingerprint of a run names it.
  static let current: String = {
    #if os(Linux)
      if let buildID = linkerBuildID() { return "build-id " + buildID.map { String(format: "%02x", $0) }.joined() }
      let path = "/proc/self/exe"
    #else
      let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
    #endif
    return ContentHash.hex((try? Data(contentsOf: URL(fileURLWithPath: path))).map(ContentHash.of) ?? 0)
  }()

  #if os(Linux)
    /// The `NT_GNU_BUILD_ID` note of the running program, read from its file's `PT_NOTE` segments (a
    /// few hundred bytes at its start); nil when it has none or is not a 64-bit little-endian ELF file.
    static func linkerBuildID() -> [UInt8]? {
      let descriptor = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { return nil }
      defer { close(descriptor) }
      func read(_ count: Int, at offset: Int) -> [UInt8]? {
        guard count >= 0, count <= 1 << 16 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read == count ? bytes : nil
      }
      // The ELF header: magic, 64-bit (class 2), little-endian (data 1); where the program headers are.
      guard let header = read(64, at: 0), header[0..<4].elementsEqual([0x7f, 0x45, 0x4c, 0x46]), header[4] == 2,
        header[5] == 1
      else { return nil }
      func integer<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, _: T.Type) -> Int {
        Int(T(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }))
      }
      let tableOffset = integer(header, 32, UInt64.self)
      let entrySize = integer(header, 54, UInt16.self)
      let entryCount = integer(header, 56, UInt16.self)
      guard entrySize >= 56, let table = read(entrySize * entryCount, at: tableOffset) else { return nil }
      for entry in 0..<entryCount {
        let base = entry * entrySize
        // PT_NOTE: its file offset and size.
        guard integer(table, base, UInt32.self) == 4,
          let notes = read(integer(table, base + 32, UInt64.self), at: integer(table, base + 8, UInt64.self))
        else { continue }
        if let id = notes.withUnsafeBytes({ buildID(in: $0) }) { return id }
      }
      return nil
    }

    /// The build ID among ELF notes: each a 12-byte header (name size, descriptor size, type), the
    /// name and the descriptor, each padded to 4 bytes.
    static func buildID(in notes: UnsafeRawBufferPointer) -> [UInt8]? {
      var offset = 0
      func padded(_ size: Int) -> Int { (size + 3) & ~3 }
      while offset + 12 <= notes.count {
        let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let descriptorSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
        let name = offset + 12
        let descriptor = name + padded(nameSize)
        guard descriptor + descriptorSize <= notes.count else { return nil }
        // NT_GNU_BUILD_ID, named "GNU\0".
        if type == 3, nameSize == 4, Array(notes[name..<(name + 4)]) == Array("GNU\0".utf8), descriptorSize > 0 {
          return Array(notes[descriptor..<(descriptor + descriptorSize)])
        }
        offset = descriptor + padded(descriptorSize)
      }
      return nil
    }
  #endif
}
