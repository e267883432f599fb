package capture

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/internal/demo"
)

func TestReadDemo(t *testing.T) {
	var buf bytes.Buffer
	if err := demo.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var n uint64
	err := Read(bytes.NewReader(buf.Bytes()), func(ts time.Time, frame []byte, i uint64) error {
		n = i
		if ts.IsZero() || len(frame) < 14 {
			t.Fatalf("frame %d: ts %v len %d", i, ts, len(frame))
		}
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("read %d frames: %v", n, err)
	}
	// A file cut inside its last record's data, or inside a record header,
	// gives every complete frame and counts the tail, as libpcap ends
	// Suricata's read: no error.
	full := buf.Bytes()
	for _, c := range []struct {
		name string
		data []byte
		want uint64
	}{
		{"data cut", full[:len(full)-10], n - 1},
		{"header cut", append(append([]byte(nil), full...), 1, 2, 3, 4), n},
	} {
		var src Source
		var got uint64
		err := src.Read(bytes.NewReader(c.data), func(_ time.Time, _ []byte, i uint64) error { got = i; return nil })
		if err != nil || got != c.want || src.Stats.Truncated != 1 || src.Stats.Records != c.want {
			t.Errorf("%s: %d frames (want %d), %d truncated, err %v", c.name, got, c.want, src.Stats.Truncated, err)
		}
	}
	if err := Read(strings.NewReader("garbage!garbage!garbage!garbage!"), func(time.Time, []byte, uint64) error { return nil }); err == nil {
		t.Error("garbage accepted")
	}
}

func TestLoopbackAndRawBecomeEthernet(t *testing.T) {
	ip := []byte{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}
	for _, c := range []struct {
		lt    layers.LinkType
		frame []byte
	}{
		{layers.LinkTypeNull, append([]byte{2, 0, 0, 0}, ip...)},
		{layers.LinkTypeRaw, ip},
	} {
		var buf bytes.Buffer
		w := pcapgo.NewWriter(&buf)
		w.WriteFileHeader(65535, c.lt)
		w.WritePacket(gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(c.frame), Length: len(c.frame)}, c.frame)
		var got []byte
		if err := Read(&buf, func(_ time.Time, f []byte, _ uint64) error { got = f; return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 14+len(ip) || got[12] != 0x08 || got[13] != 0 || !bytes.Equal(got[14:], ip) {
			t.Errorf("%s: got % x", c.lt, got)
		}
	}
	var buf bytes.Buffer
	w := pcapgo.NewWriter(&buf)
	w.WriteFileHeader(65535, layers.LinkTypeIEEE802_11)
	if err := Read(&buf, func(time.Time, []byte, uint64) error { return nil }); !errors.Is(err, ErrLinkType) {
		t.Errorf("802.11: %v", err)
	}
}

// TestSuricataVerifyPcapsRead reads every capture of the corpus. A record
// libpcap refuses ends a read, as in Suricata, after at least one frame.
func TestSuricataVerifyPcapsRead(t *testing.T) {
	dir := corpus.Dir(t, "suricata-verify")
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".pcap") {
			return err
		}
		n++
		var src Source
		frames := 0
		err = src.ReadFile(p, func(time.Time, []byte, uint64) error { frames++; return nil })
		if err != nil && (!errors.Is(err, ErrRecord) || frames == 0) {
			t.Errorf("%s: %v", p, err)
		}
		if src.Stats.OtherLink > 0 || frames == 0 {
			t.Errorf("%s: %d frames, %d of another link type", p, frames, src.Stats.OtherLink)
		}
		return nil
	})
	if n < 200 {
		t.Errorf("read %d captures", n)
	}
}
