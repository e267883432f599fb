package bpflog

import (
	"encoding/binary"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"
)

// arg is one crafted argument slot.
type arg struct {
	typ, len byte
	val      []byte
}

// craft lays out a record as bpf/log.h does, independently of Decode.
func craft(level Level, rule uint32, format uint16, msg string, nargs byte, args ...arg) []byte {
	b := make([]byte, 208)
	binary.NativeEndian.PutUint64(b[0:], 1)
	binary.NativeEndian.PutUint32(b[8:], rule)
	binary.NativeEndian.PutUint16(b[12:], format)
	b[14], b[15] = byte(level), nargs
	copy(b[16:48], msg)
	for i, a := range args {
		off := 48 + 40*i
		b[off], b[off+1] = a.typ, a.len
		copy(b[off+8:off+40], a.val)
	}
	return b
}

func u64(v uint64) arg  { return arg{typ: 1, val: binary.NativeEndian.AppendUint64(nil, v)} }
func port(v uint16) arg { return arg{typ: 4, val: binary.NativeEndian.AppendUint16(nil, v)} }
func str(s string) arg  { return arg{typ: 5, len: byte(len(s)), val: []byte(s)} }

func TestDecode(t *testing.T) {
	formats := map[uint16]string{7: "packet dropped"}
	cases := []struct {
		name  string
		raw   []byte
		level Level
		rule  uint32
		msg   string
		args  []any
		err   string
	}{
		{"text", craft(LevelInfo, NoRule, 0, "exec", 0), LevelInfo, NoRule, "exec", nil, ""},
		{"text of 31 bytes", craft(LevelWarn, 3, 0, strings.Repeat("x", 31), 0), LevelWarn, 3, strings.Repeat("x", 31), nil, ""},
		{"format", craft(LevelError, 9, 7, "", 0), LevelError, 9, "packet dropped", nil, ""},
		{"format and text", craft(LevelError, 9, 7, "ring full", 0), LevelError, 9, "packet dropped: ring full", nil, ""},
		{"unknown format", craft(LevelDebug, 1, 8, "", 0), LevelDebug, 1, "format 8", nil, ""},
		{"typed arguments", craft(LevelDebug, 5, 0, "flow", 4,
			u64(1<<40), arg{typ: 2, val: []byte{10, 0, 0, 1}}, port(8080), str("runc")),
			LevelDebug, 5, "flow", []any{uint64(1 << 40), netip.MustParseAddr("10.0.0.1"), Port(8080), "runc"}, ""},
		{"ipv6 and an unset slot", craft(LevelInfo, 5, 0, "v6", 3,
			arg{typ: 3, val: netip.MustParseAddr("2001:db8::1").AsSlice()}, arg{}, str("")),
			LevelInfo, 5, "v6", []any{netip.MustParseAddr("2001:db8::1"), nil, ""}, ""},
		{"longest string", craft(LevelInfo, 0, 0, "s", 1, str(strings.Repeat("s", 31))),
			LevelInfo, 0, "s", []any{strings.Repeat("s", 31)}, ""},
		{"short", craft(LevelInfo, 0, 0, "x", 0)[:207], 0, 0, "", nil, "log record of 207 bytes, want 208"},
		{"too many arguments", craft(LevelInfo, 0, 0, "x", 5), 0, 0, "", nil, "5 arguments, at most 4"},
		{"unknown argument type", craft(LevelInfo, 0, 0, "x", 1, arg{typ: 9}), 0, 0, "", nil, "argument 0: unknown type 9"},
		{"string too long", craft(LevelInfo, 0, 0, "x", 2, u64(1), arg{typ: 5, len: 32}), 0, 0, "", nil, "argument 1: string of 32 bytes, at most 31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Decode(c.raw, formats)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Level != c.level || r.Rule != c.rule || r.Msg != c.msg || !reflect.DeepEqual(r.Args, c.args) {
				t.Errorf("got %s %d %q %#v, want %s %d %q %#v", r.Level, r.Rule, r.Msg, r.Args, c.level, c.rule, c.msg, c.args)
			}
			if r.Time.IsZero() || time.Since(r.Time) < 0 {
				t.Errorf("time %v", r.Time)
			}
		})
	}
}

func TestRecordString(t *testing.T) {
	at := time.Date(2026, 11, 25, 10, 0, 0, 123456789, time.UTC)
	cases := []struct {
		r    Record
		want string
	}{
		{Record{Time: at, Level: LevelInfo, Rule: NoRule, Msg: "runtime exec", Args: []any{uint64(4242), "runc", uint64(1)}},
			`2026-11-25T10:00:00.123456Z info runtime exec 4242 "runc" 1`},
		{Record{Time: at, Level: LevelWarn, Rule: 7, Msg: "blocked", Args: []any{netip.MustParseAddr("10.0.0.1"), Port(80), nil, netip.MustParseAddr("::1")}},
			`2026-11-25T10:00:00.123456Z warn rule=7 blocked 10.0.0.1 port=80 - ::1`},
		{Record{Time: at, Level: Level(9), Rule: 0, Msg: "x"}, `2026-11-25T10:00:00.123456Z level(9) rule=0 x`},
	}
	for _, c := range cases {
		if got := c.r.String(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
