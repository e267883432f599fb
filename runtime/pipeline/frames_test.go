package pipeline

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// sshPacket is an SSH binary packet with a message code, body and padding.
func sshPacket(code byte, body string, pad int) string {
	b := binary.BigEndian.AppendUint32(nil, uint32(2+len(body)+pad))
	b = append(append(b, byte(pad), code), body...)
	return string(append(b, make([]byte, pad)...))
}

// TestFrameRulesAlert: frame rules inspect SSH records as Suricata's
// ssh-frames test does, each alerting once, with the EVE frame object and
// the flow's ssh record.
func TestFrameRulesAlert(t *testing.T) {
	dir := t.TempDir()
	rules := `alert ssh any any -> any 22 (msg:"pdu"; frame:ssh.record.pdu; content:"|06 1e 00 00 00 20|"; offset:4; depth:6; sid:1;)
alert ssh any any -> any 22 (msg:"hdr"; frame:ssh.record.hdr; content:"|15|"; endswith; bsize:6; sid:2;)
alert ssh any any -> any 22 (msg:"data"; frame:ssh.record.data; content:"curve"; sid:3;)
alert ssh any 22 -> any any (msg:"server data"; frame:ssh.record.data; content:"curve"; sid:4;)
`
	if err := os.WriteFile(filepath.Join(dir, "f.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p, err := Open(compileObject(t, dir), Config{Kernel: KernelReference, Offline: true, EVE: &out})
	if err != nil {
		t.Fatal(err)
	}
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.22")
	cseq, sseq := uint32(101), uint32(501)
	seg := func(toServer bool, flags uint8, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 22, TCPFlags: flags, Seq: cseq, Ack: sseq, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport, s.Seq, s.Ack = srv, cli, 22, 40000, sseq, cseq
			sseq += uint32(len(payload))
		} else {
			cseq += uint32(len(payload))
		}
		return pktgen.Build(s)
	}
	ecdh := sshPacket(30, "\x00\x00\x00\x20"+strings.Repeat("e", 32), 6)
	frames := [][]byte{
		pktgen.Build(pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 22, TCPFlags: 0x02, Seq: 100}),
		pktgen.Build(pktgen.Spec{Src: srv, Dst: cli, Proto: 6, Sport: 22, Dport: 40000, TCPFlags: 0x12, Seq: 500, Ack: 101}),
		seg(true, 0x10, ""),
		seg(false, 0x18, "SSH-2.0-OpenSSH_7.4\r\n"),
		seg(true, 0x18, "SSH-2.0-libssh-0.7.2\r\n"),
		seg(false, 0x18, sshPacket(20, "cookie..........curve25519-sha256", 4)),
		seg(true, 0x18, sshPacket(20, "cookie..........curve25519-sha256", 4)),
		seg(true, 0x18, ecdh),
		seg(true, 0x18, sshPacket(21, "", 10)),
	}
	feedAndClose(t, p, frames)
	type frameObj struct {
		Type      string `json:"type"`
		ID        int64  `json:"id"`
		Direction string `json:"direction"`
		Offset    uint64 `json:"stream_offset"`
		Length    int64  `json:"length"`
		Complete  bool   `json:"complete"`
		Payload   string `json:"payload"`
		TxID      *int64 `json:"tx_id"`
	}
	got := map[uint64]int{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev struct {
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Frame frameObj `json:"frame"`
			SSH   struct {
				Client struct {
					Software string `json:"software_version"`
				} `json:"client"`
			} `json:"ssh"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got[ev.Alert.SID]++
		if ev.Alert.SID != 1 {
			continue
		}
		f := ev.Frame
		payload, _ := base64.StdEncoding.DecodeString(f.Payload)
		if f.Type != "record.pdu" || f.Direction != "toserver" || f.Offset != uint64(len("SSH-2.0-libssh-0.7.2\r\n")+4+2+33+4) ||
			f.Length != int64(len(ecdh)) || !f.Complete || string(payload) != ecdh || f.TxID == nil || *f.TxID != 0 ||
			ev.SSH.Client.Software != "libssh-0.7.2" {
			t.Errorf("sid 1 alert: %s", line)
		}
	}
	if got[1] != 1 || got[2] != 1 || got[3] != 1 || got[4] != 1 || len(got) != 4 {
		t.Errorf("alerts by sid %v, want one each of 1-4", got)
	}
}
