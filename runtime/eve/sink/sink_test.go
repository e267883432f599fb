package sink

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// records are EVE-like lines with characters a transport could mangle.
func records(n int) []string {
	var out []string
	for i := range n {
		b, _ := json.Marshal(map[string]any{"event_type": "alert", "n": i, "alert": map[string]any{"signature": fmt.Sprintf("quote \" back\\slash <tag> & é %d", i)}})
		out = append(out, string(b))
	}
	return out
}

// writeSplit writes the records as an eve.Writer's buffer does: in chunks
// that cut lines anywhere.
func writeSplit(t *testing.T, s *Sink, recs []string) {
	t.Helper()
	all := strings.Join(recs, "\n") + "\n"
	for len(all) > 0 {
		n := min(len(all), 37)
		if _, err := s.Write([]byte(all[:n])); err != nil {
			t.Fatal(err)
		}
		all = all[n:]
	}
}

func waitLines(t *testing.T, path string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		b, _ := os.ReadFile(path)
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		if len(b) > 0 && len(lines) >= n || time.Now().After(deadline) {
			if len(b) == 0 {
				return nil
			}
			return lines
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sameRecords(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records arrived, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if strings.TrimSpace(got[i]) != want[i] {
			t.Errorf("record %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func TestRegularFileReopenAfterRotate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "eve.json")
	s, err := Open(Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	recs := records(10)
	writeSplit(t, s, recs[:5])
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Reopen(); err != nil {
		t.Fatal(err)
	}
	writeSplit(t, s, recs[5:])
	s.Close()
	sameRecords(t, waitLines(t, path+".1", 5), recs[:5])
	sameRecords(t, waitLines(t, path, 5), recs[5:])
	if st := s.Stats(); st.Records != 10 || st.Dropped != 0 || st.Reopens != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestUnknownTypeAndFacility(t *testing.T) {
	if _, err := Open(Config{Type: "redis"}); !errors.Is(err, ErrType) {
		t.Errorf("redis: %v", err)
	}
	if _, err := Open(Config{Type: Syslog, Facility: "local9"}); !errors.Is(err, ErrFacility) {
		t.Errorf("local9: %v", err)
	}
}

// need returns the path of a Debian-packaged consumer, skipping without
// it (failing under CI, whose .ci/run installs it).
func need(t *testing.T, bin, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(bin)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (apt-get install %s)", bin, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s)", bin, pkg)
	}
	return p
}

// startSocat runs socat reading a unix socket into a file.
func startSocat(t *testing.T, addr, out string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(need(t, "socat", "socat"), "-u", addr, "OPEN:"+out+",creat,append")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sock := strings.SplitN(strings.SplitN(addr, ":", 2)[1], ",", 2)[0]
	stream := strings.HasPrefix(addr, "UNIX-LISTEN")
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil && (!stream || listening(sock)) {
			return cmd
		}
	}
	t.Fatalf("socat did not listen on %s", sock)
	return nil
}

// listening tells whether a unix stream socket bound to path accepts
// connections yet (socat binds before it listens): /proc/net/unix flags
// it __SO_ACCEPTCON.
func listening(path string) bool {
	b, err := os.ReadFile("/proc/net/unix")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 8 && f[7] == path && f[3] == "00010000" {
			return true
		}
	}
	return false
}

func TestUnixSocketsToSocat(t *testing.T) {
	for _, c := range []struct{ typ, listen string }{
		{UnixStream, "UNIX-LISTEN:%s"},
		{UnixDgram, "UNIX-RECV:%s"},
	} {
		t.Run(c.typ, func(t *testing.T) {
			dir := t.TempDir()
			sock, out := filepath.Join(dir, "eve.sock"), filepath.Join(dir, "out")
			// No reader yet: records are dropped and counted, nothing blocks.
			s, err := Open(Config{Type: c.typ, Path: sock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			writeSplit(t, s, records(3))
			if st := s.Stats(); st.Dropped != 3 {
				t.Fatalf("without a reader: %+v", st)
			}
			startSocat(t, fmt.Sprintf(c.listen, sock), out)
			if err := s.Reopen(); err != nil {
				t.Fatal(err)
			}
			recs := records(50)
			writeSplit(t, s, recs)
			sameRecords(t, waitLines(t, out, len(recs)), recs)
			if st := s.Stats(); st.Records != 53 || st.Dropped != 3 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// TestSyslogToRsyslog sends records through a private rsyslogd, which
// writes each message's text to a file.
func TestSyslogToRsyslog(t *testing.T) {
	rsyslogd := need(t, "rsyslogd", "rsyslog")
	dir := t.TempDir()
	sock, out := filepath.Join(dir, "log.sock"), filepath.Join(dir, "out.log")
	conf := fmt.Sprintf(`global(workDirectory="%[1]s" maxMessageSize="64k")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="%[2]s")
template(name="text" type="string" string="%%syslogtag%%|%%msg%%\n")
local5.info action(type="omfile" file="%[3]s" template="text")
`, dir, sock, out)
	cfgPath := filepath.Join(dir, "rsyslog.conf")
	os.WriteFile(cfgPath, []byte(conf), 0o644)
	cmd := exec.Command(rsyslogd, "-n", "-f", cfgPath, "-i", filepath.Join(dir, "pid"))
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			t.Log("rsyslogd:", sc.Text())
		}
	}()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("rsyslogd made no socket")
		}
	}
	s, err := Open(Config{Type: Syslog, Path: sock})
	if err != nil {
		t.Fatal(err)
	}
	recs := records(20)
	writeSplit(t, s, recs)
	s.Close()
	got := waitLines(t, out, len(recs))
	for i, line := range got {
		tag, msg, _ := strings.Cut(line, "|")
		if !strings.HasPrefix(tag, "rulec[") {
			t.Errorf("line %d tag %q", i, tag)
		}
		got[i] = msg
	}
	sameRecords(t, got, recs)
	if st := s.Stats(); st.Dropped != 0 {
		t.Errorf("stats %+v", st)
	}
}
