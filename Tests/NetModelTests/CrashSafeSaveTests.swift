import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// Crash-safe saving (docs/RELIABILITY.md): a saving process killed at any moment leaves the old or
/// the new version, never a mix, and at most one temporary file; a save that cannot be done fails
/// with a clear message and leaves the old file as it was.
final class CrashSafeSaveTests: XCTestCase {
    // MARK: - Helpers

    static func stressSave() throws -> String {
        var dirs: [URL] = []
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            dirs.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        let bundle = Bundle(for: CrashSafeSaveTests.self).bundleURL
        dirs.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        guard let found = dirs.map({ $0.appendingPathComponent("StressSave").path }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            XCTFail("StressSave was not found beside the tests; build it first (swift build)")
            throw XCTSkip("no StressSave")
        }
        return found
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    func runToEnd(_ binary: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A pid that no process has any more: a child that has exited and been reaped.
    func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    // MARK: - SIGKILL while saving

    /// StressSave saves versions A and B of a 5,000-contact network in turn; it is killed with
    /// SIGKILL after a random delay, again and again. After every kill the data file (and its .bak)
    /// is A or B byte for byte, mode 0600, and at most one temporary file (the killed process's) is
    /// left; the next save removes it. NETTUI_STRESS_KILLS, _SEED and _CONTACTS make a longer run.
    func testSIGKILLWhileSavingLeavesTheOldOrTheNewVersion() throws {
        let stress = try Self.stressSave()
        let env = ProcessInfo.processInfo.environment
        let kills = env["NETTUI_STRESS_KILLS"].flatMap { Int($0) } ?? 100
        let seed = env["NETTUI_STRESS_SEED"].flatMap { UInt64($0) } ?? 20_261_123
        let contacts = env["NETTUI_STRESS_CONTACTS"].flatMap { Int($0) } ?? 5000
        print("CrashSafeSaveTests: seed \(seed), \(kills) kills, \(contacts) contacts (replay: NETTUI_STRESS_SEED=\(seed))")
        let started = DispatchTime.now()

        let root = try makeTempDir(self)
        let versions = root + "/versions", data = root + "/data"
        XCTAssertEqual(mkdir(versions, 0o700), 0)
        XCTAssertEqual(mkdir(data, 0o700), 0)
        XCTAssertEqual(try runToEnd(stress, ["versions", versions, String(contacts)]), 0)
        let a = try XCTUnwrap(try Store.readBytes(versions + "/a.json"))
        let b = try XCTUnwrap(try Store.readBytes(versions + "/b.json"))
        XCTAssertNotEqual(a, b)
        for v in [a, b] {
            let decoded = NetworkCodec.decode(v)
            XCTAssertEqual(decoded.problems, [])
            XCTAssertEqual(decoded.network?.contacts.count, contacts)
        }
        let path = data + "/network.json"
        try Store.write(a, to: path)
        let tempPrefix = Store.tempPrefix(of: path)

        var rng = HostileCorpus.Random(seed: seed)
        var midSave = 0, sawA = 0, sawB = 0, saves = 0, maxTemps = 0, noBak = 0
        var killed: Set<Int32> = []
        var delays: [Double] = []
        for kill in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: stress)
            p.arguments = ["save", path, "--from", versions]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            // Wait for "ready" (the versions are read), then let it save for a random while.
            var text = ""
            while !text.contains("ready\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            assertContains(text, "ready\n", "kill \(kill): StressSave did not start")

            let delay = Int(rng.next() % 40_000)  // 0–40 ms: a few saves of 4 MB at most
            delays.append(Double(delay) / 1000)
            usleep(useconds_t(delay))
            Glibc.kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            saves += text.split(separator: "\n").filter { $0.hasPrefix("saved") }.count
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "kill \(kill): StressSave stopped by itself: \(text)")

            let now = try XCTUnwrap(try Store.readBytes(path), "kill \(kill): the data file is gone")
            if now == a { sawA += 1 } else if now == b { sawB += 1 } else {
                XCTFail("kill \(kill) (seed \(seed), delay \(delay) µs): the data file is neither version (\(now.count) bytes)")
                break
            }
            XCTAssertEqual(mode(path), 0o600, "kill \(kill)")
            // The .bak is rotated by a rename too: once any save has completed, a kill at any
            // moment leaves one, and it is a whole version.
            if let bak = try Store.readBytes(path + ".bak") {
                XCTAssertTrue(bak == a || bak == b, "kill \(kill): the .bak is neither version (\(bak.count) bytes)")
                XCTAssertEqual(mode(path + ".bak"), 0o600, "kill \(kill)")
            } else {
                noBak += 1
                XCTAssertEqual(saves, 0, "kill \(kill): the .bak is missing after a completed save")
            }
            let names = listing(data)
            let temps = names.filter { $0.hasPrefix(tempPrefix) }
            // A killed save leaves at most its own two: the new version and the old one on its way to .bak.
            let tempPIDs = Set(temps.map { Int32($0.dropFirst(tempPrefix.count).split(separator: "-")[0]) ?? 0 })
            maxTemps = max(maxTemps, temps.count)
            if !temps.isEmpty { midSave += 1 }
            XCTAssertLessThanOrEqual(tempPIDs.count, 1, "kill \(kill): temporary files accumulate: \(temps)")
            XCTAssertLessThanOrEqual(temps.count, 2, "kill \(kill): temporary files accumulate: \(temps)")
            // They are the killed process's, or the one before's when this one was killed before its first save.
            killed.insert(p.processIdentifier)
            XCTAssertTrue(tempPIDs.allSatisfy { killed.contains($0) }, "kill \(kill): a temporary file not of a killed process: \(temps)")
            XCTAssertTrue(Set(names).subtracting(temps).isSubset(of: ["network.json", "network.json.bak"]), "kill \(kill): \(names)")
        }

        // The next save that runs to the end cleans up what the last killed one left.
        XCTAssertEqual(try runToEnd(stress, ["save", path, "--from", versions, "--count", "1"]), 0)
        XCTAssertEqual(listing(data), ["network.json", "network.json.bak"])
        XCTAssertEqual(try Store.readBytes(path), a)

        let took = Self.seconds(since: started)
        print(String(format: "CrashSafeSaveTests: %d kills in %.1f s (mean delay after ready %.1f ms); %d saves completed; "
                     + "%d kills left a temporary file (killed mid-save), never more than %d; %d left no .bak; after the kills the file was A %d times, B %d times",
                     kills, took, delays.reduce(0, +) / Double(max(1, delays.count)), saves, midSave, maxTemps, noBak, sawA, sawB))
        XCTAssertGreaterThan(sawA, 0)
        XCTAssertGreaterThan(sawB, 0)
        XCTAssertGreaterThan(midSave, 0, "no kill landed inside a save; the test shows nothing")
    }

    // MARK: - Temporary files

    func testASaveRemovesOnlyTheTemporaryFilesOfDeadProcesses() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let dead = try deadPID()
        let names = [".network.json.tmp-\(dead)",  // a killed save of this file: removed
                     ".network.json.tmp-1",  // pid 1 is running: kept
                     ".network.json.tmp-x\(dead)", ".other.json.tmp-\(dead)", ".network.json.unsaved.json.tmp-\(dead)", "network.json.tmp-\(dead)"]
        for n in names { writeFile(dir + "/" + n, bytes("partial")) }
        try Store.save(Demo.network(today: testToday), to: path)
        XCTAssertEqual(listing(dir), (["network.json"] + names.dropFirst()).sorted())
    }

    // MARK: - Saves that cannot be done

    /// A save that fails keeps the old file and its .bak, leaves no temporary file, and the same
    /// network can then be saved elsewhere (the editor keeps it in memory; `S` saves as).
    func assertFailedSave(_ path: String, contains expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = HostileCorpus.Snapshot(path)
        let bak = HostileCorpus.Snapshot(path + ".bak")
        let network = Demo.network(today: testToday)
        do {
            try Store.save(network, to: path)
            XCTFail("saved to \(path)", file: file, line: line)
        } catch {
            print("CrashSafeSaveTests: the message is “\(error.message)”")
            XCTAssertTrue(error.message.hasPrefix("cannot save to \(path): "), error.message, file: file, line: line)
            XCTAssertTrue(error.message.contains(expected), "expected “\(expected)” in “\(error.message)”", file: file, line: line)
            XCTAssertTrue(error.message.hasSuffix("the file on disk is unchanged"), error.message, file: file, line: line)
        }
        // The snapshots include the folder's listing: no temporary file is left either.
        XCTAssertEqual(HostileCorpus.Snapshot(path), before, "the old file or its folder changed", file: file, line: line)
        XCTAssertEqual(HostileCorpus.Snapshot(path + ".bak"), bak, "the .bak changed", file: file, line: line)
        let elsewhere = try makeTempDir(self) + "/elsewhere.json"
        try Store.save(network, to: elsewhere)
        XCTAssertEqual(try Store.load(elsewhere)?.network, network, file: file, line: line)
    }

    func testSavingWhenTheTemporaryNameIsTakenByAFolderFails() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Network(), to: path)
        try Store.save(Network(), to: path)  // and a .bak
        let tmp = dir + "/" + Store.tempPrefix(of: path) + "\(getpid())"
        XCTAssertEqual(mkdir(tmp, 0o700), 0)
        writeFile(tmp + "/inside", bytes("keep"))
        try assertFailedSave(path, contains: "cannot create a file in \(dir) (\(Store.tempPrefix(of: path))\(getpid())): File exists")
        XCTAssertEqual(try Store.readBytes(tmp + "/inside"), bytes("keep"))
    }

    func testSavingUnderARegularFileFails() throws {
        let dir = try makeTempDir(self)
        writeFile(dir + "/plain", bytes("I am a file"))
        try assertFailedSave(dir + "/plain/network.json", contains: "Not a directory")
        XCTAssertEqual(try Store.readBytes(dir + "/plain"), bytes("I am a file"))
    }

    /// A FIFO at the temporary name (left by anyone) must not make the save wait for a reader forever.
    func testAFIFOAtTheTemporaryNameIsReplacedNotWaitedOn() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        let tmp = dir + "/" + Store.tempPrefix(of: path) + "\(getpid())"
        XCTAssertEqual(mkfifo(tmp, 0o600), 0)
        let done = DispatchSemaphore(value: 0)
        let network = Demo.network(today: testToday)
        let thread = Thread {
            do { try Store.save(network, to: path) } catch { print("save failed: \(error)") }
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + 10) == .timedOut {
            XCTFail("the save waited on a FIFO at \(tmp)")
            // Unblock the stuck save and drain what it writes, so that the test run can go on.
            let fd = open(tmp, O_RDONLY | O_NONBLOCK)
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while done.wait(timeout: .now() + 0.01) == .timedOut {
                _ = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            }
            close(fd)
            return
        }
        XCTAssertEqual(try Store.load(path)?.network, network)
        XCTAssertEqual(listing(dir), ["network.json"])
    }

    /// A symbolic link at the temporary name must not make the save write through it.
    func testASymlinkAtTheTemporaryNameIsNotFollowed() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        writeFile(dir + "/victim", bytes("not yours"))
        XCTAssertEqual(symlink(dir + "/victim", dir + "/" + Store.tempPrefix(of: path) + "\(getpid())"), 0)
        let network = Demo.network(today: testToday)
        try Store.save(network, to: path)
        XCTAssertEqual(try Store.readBytes(dir + "/victim"), bytes("not yours"))
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFREG, "the data file is a file, not a link")
        XCTAssertEqual(try Store.load(path)?.network, network)
        XCTAssertEqual(listing(dir), ["network.json", "victim"])
    }

    /// Disk full and a read-only file system, on a 64 KiB tmpfs (needs the right to mount: root).
    func testDiskFullAndReadOnlyFileSystem() throws {
        let root = try makeTempDir(self)
        let mnt = root + "/tiny"
        XCTAssertEqual(mkdir(mnt, 0o700), 0)
        func sh(_ args: [String]) -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "\"$@\" 2>&1", "sh"] + args
            let out = Pipe()
            p.standardOutput = out
            do { try p.run() } catch { return (-1, "\(error)") }
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, text)
        }
        let (status, why) = sh(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mnt])
        if status != 0 {
            print("CrashSafeSaveTests: disk full not simulated: cannot mount a tmpfs (\(why.trimmingCharacters(in: .whitespacesAndNewlines)))")
            throw XCTSkip("mounting a tmpfs is not permitted here: \(why)")
        }
        defer { _ = sh(["umount", "-l", mnt]) }
        let path = mnt + "/network.json"
        try Store.save(Network(), to: path)
        try Store.save(Network(), to: path)
        XCTAssertGreaterThan(NetworkCodec.encode(Demo.network(today: testToday)).count, 64 << 10, "the demo must not fit")
        try assertFailedSave(path, contains: "No space left on device")

        XCTAssertEqual(sh(["mount", "-o", "remount,ro", mnt]).0, 0)
        try assertFailedSave(path, contains: "Read-only file system")
        XCTAssertEqual(try Store.load(path)?.network, Network())
    }

    // MARK: - Privacy

    /// A new data file is 0600; an existing one keeps its mode (a team may share one 0640), and
    /// so does its .bak (the same file, kept by a hard link).
    func testANewFileIs0600AndASaveKeepsTheModeOfTheFileAndItsBak() throws {
        let dir = try makeTempDir(self)
        let path = dir + "/network.json"
        try Store.save(Network(), to: path)
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try Store.save(Demo.network(today: testToday), to: path)
        XCTAssertEqual(mode(path), 0o640)
        XCTAssertEqual(mode(path + ".bak"), 0o640, "the old version, as it was")
    }
}
