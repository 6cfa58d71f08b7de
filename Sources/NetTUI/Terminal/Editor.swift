import Foundation
import Glibc

struct EditorError: Error, Equatable, Sendable {
    var message: String
}

/// Long text in the user's editor: $EDITOR, then $VISUAL, then vi, run without a shell (the command
/// is split on spaces; the file's path is one argument), on a private temporary file.
enum Editor {
    static func command(_ env: [String: String]) -> [String] {
        let line = [env["EDITOR"], env["VISUAL"]].compactMap { $0 }.first { !$0.trimmingWhitespace.isEmpty } ?? "vi"
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Writes `text` to a temporary file, runs the editor on it and waits, then reads it back.
    /// `around` is called with the run in between: the terminal leaves and re-enters curses there.
    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                     around: (() -> Int32) -> Int32) -> Result<String, EditorError> {
        let argv0 = command(environment)
        let dir = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((dir + "/nettui-XXXXXX.txt").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return .failure(EditorError(message: "cannot create a temporary file in \(dir)")) }
        let path = String(cString: template)
        defer { unlink(path) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let status = around {
            var pid: pid_t = 0
            let args = (argv0 + [path]).map { strdup($0) } + [nil]
            defer { args.forEach { free($0) } }
            guard posix_spawnp(&pid, argv0[0], nil, nil, args, environ) == 0 else { return -1 }
            var st: Int32 = 0
            while waitpid(pid, &st, 0) == -1 && errno == EINTR {}
            return st
        }
        guard status != -1 else { return .failure(EditorError(message: "cannot run \(argv0[0])")) }
        guard status == 0 else { return .failure(EditorError(message: "\(argv0[0]) did not end cleanly; the field is unchanged")) }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8) else {
            return .failure(EditorError(message: "the edited text is not UTF-8; the field is unchanged"))
        }
        return .success(edited)
    }
}
