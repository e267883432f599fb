package object

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

const testRules = `alert udp any any -> any 53 (msg:"k"; content:"evil"; sid:1;)
alert tcp any any -> any 80 (msg:"u"; flow:established; content:"x"; sid:2;)
alert icmp any any -> any any (msg:"i"; itype:8; sid:3;)
`

func buildTest(tb testing.TB) *Object {
	tb.Helper()
	rules, ds, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(testRules))
	if ds.Len() > 0 {
		tb.Fatal(ds)
	}
	o, err := Build(rules, []byte("elf"))
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// resum encodes o as Encode does, recomputing the checksum as an editor of
// the file would.
func resum(tb testing.TB, o *Object) []byte {
	tb.Helper()
	data, err := Encode(o)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestDecodeRefusesEditedObjects(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Object)
		want string
	}{
		{"slot past the rule list", func(o *Object) { o.Kernel.Slots[0].Rule = 99 }, "slot 0: rule 99 is not a kernel rule"},
		{"shape rules", func(o *Object) { o.Kernel.ShapeRules = append(o.Kernel.ShapeRules, []uint32{1}) }, "kernel table ShapeRules differs"},
		{"unknown tier", func(o *Object) { o.Tiers[1].Tier = "gpu" }, `unknown tier "gpu"`},
		{"tier swapped", func(o *Object) { o.Tiers[0] = lower.Decision{Tier: lower.Userspace, Reason: "x"} }, "this rulec decides kernel"},
		{"unknown action", func(o *Object) { o.Rules[0].Action = "explode" }, `unknown action "explode"`},
		{"slot action", func(o *Object) { o.Kernel.Slots[0].Action = 9 }, "kernel table Slots differs"},
		{"item pattern", func(o *Object) { o.Kernel.Items[0].Pattern = []byte("good") }, "kernel table Items differs"},
		{"automaton", func(o *Object) { o.Kernel.Automaton.Delta[3] = 1 << 20 }, "kernel table Automaton differs"},
		{"slot count", func(o *Object) { o.Kernel.NSlots = 1 << 20 }, "kernel table NSlots differs"},
		{"missing tables", func(o *Object) { o.Kernel = nil }, "kernel tables present: false"},
		{"tier count", func(o *Object) { o.Tiers = o.Tiers[1:] }, "3 rules, 2 tiers"},
		{"language", func(o *Object) { o.Rules[2].Lang = "snort" }, `rule 2: unknown language "snort"`},
		{"fast pattern", func(o *Object) {
			o.Rules[1].Matchers[0].(*ir.Content).FastPattern = &ir.FastPattern{Offset: 1, Length: 5}
		}, "fast_pattern 1,5 outside"},
		{"port set", func(o *Object) { o.Rules[1].Header.DstPorts.Spans[0].Hi.Lo = 70000 }, "port set not canonical"},
		{"comparison", func(o *Object) {
			for _, m := range o.Rules[2].Matchers {
				if f, ok := m.(*ir.Field); ok {
					f.Cmp.Op = "~"
				}
			}
		}, `unknown comparison "~"`},
		{"checksum protocol", func(o *Object) {
			o.Rules[2].Matchers = append(o.Rules[2].Matchers, &ir.Checksum{Proto: "sctp"})
		}, `checksum of "sctp"`},
		{"ip option", func(o *Object) {
			o.Rules[2].Matchers = append(o.Rules[2].Matchers, &ir.IPOpt{Name: "jumbo"})
		}, `ip option "jumbo"`},
		{"fragbits", func(o *Object) {
			o.Rules[2].Matchers = append(o.Rules[2].Matchers, &ir.FragBits{Bits: 8})
		}, `fragbits 8 ""`},
		{"flowbits command", func(o *Object) {
			o.Rules[1].Bits = append(o.Rules[1].Bits, ir.Bit{Kind: "flowbits", Cmd: "flip", Names: []string{"a"}})
		}, `unknown flowbits command "flip"`},
		{"target", func(o *Object) { o.Rules[1].Target = "both" }, `unknown target "both"`},
		{"seclang parts on a suricata rule", func(o *Object) { o.Rules[0].Sec = &ir.SecRule{Phase: 2} }, "with SecLang parts"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := buildTest(t)
			if _, err := Decode(resum(t, o)); err != nil {
				t.Fatalf("unedited object refused: %v", err)
			}
			c.edit(o)
			_, err := Decode(resum(t, o))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %v containing %q", err, ErrInvalid, c.want)
			}
		})
	}
}

// TestDumpOfDecodedNeverPanics dumps objects whose every slot points at
// every rule index, in and past the list: only decodable objects are
// dumped, and those are valid.
func TestDumpOfDecodedNeverPanics(t *testing.T) {
	for rule := uint32(0); rule < 8; rule++ {
		o := buildTest(t)
		for i := range o.Kernel.Slots {
			o.Kernel.Slots[i].Rule = rule
		}
		d, err := Decode(resum(t, o))
		if err != nil {
			continue
		}
		var b bytes.Buffer
		Dump(&b, d)
	}
}

// decodeBody wraps a gob body as a file with a correct checksum.
func decodeBody(body []byte) (*Object, error) {
	var buf bytes.Buffer
	buf.Write(magic[:])
	buf.Write([]byte{0, 0, 0, FormatVersion})
	buf.Write(body)
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return Decode(buf.Bytes())
}

func gobBody(tb testing.TB, o *Object) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(o); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// FuzzDecode feeds whole files: the checksum refuses nearly every edit.
func FuzzDecode(f *testing.F) {
	f.Add(resum(f, buildTest(f)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o, err := Decode(data); err == nil {
			Dump(new(bytes.Buffer), o)
		}
	})
}

// FuzzDecodeBody edits the encoded body and recomputes the checksum, as
// someone editing an object would: whatever decodes must validate and dump
// (rulec inspect) without a panic.
func FuzzDecodeBody(f *testing.F) {
	f.Add(gobBody(f, buildTest(f)))
	o, _ := Build(nil, nil)
	f.Add(gobBody(f, o))
	f.Fuzz(func(t *testing.T, body []byte) {
		o, err := decodeBody(body)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrInvalid) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		Dump(new(bytes.Buffer), o)
	})
}

// leaves lists the settable scalar fields of v, depth first.
func leaves(v reflect.Value, out []reflect.Value) []reflect.Value {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = leaves(v.Elem(), out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[netip.Prefix]() {
			return out
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = leaves(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			return append(out, v)
		}
		for i := range v.Len() {
			out = leaves(v.Index(i), out)
		}
	case reflect.Bool, reflect.Int, reflect.Int64, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.String:
		if v.CanSet() {
			out = append(out, v)
		}
	}
	return out
}

func setLeaf(v reflect.Value, val uint64) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(val&1 == 1)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(val))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(val)
	case reflect.String:
		v.SetString(strconv.FormatUint(val, 36))
	case reflect.Slice:
		v.SetBytes([]byte(strconv.FormatUint(val, 16)))
	}
}

// FuzzEditObject sets one field anywhere in a valid object (rules, tiers,
// tables) to a fuzzed value, as an editor recomputing the checksum could:
// the object must be refused or decode to something that dumps (rulec
// inspect) and validates again, without a panic.
func FuzzEditObject(f *testing.F) {
	f.Add(uint32(0), uint64(99))
	f.Add(uint32(40), uint64(1<<31))
	f.Add(uint32(200), uint64(7))
	f.Fuzz(func(t *testing.T, field uint32, val uint64) {
		o := buildTest(t)
		ls := leaves(reflect.ValueOf(o), nil)
		setLeaf(ls[int(field)%len(ls)], val)
		data, err := Encode(o)
		if err != nil {
			return
		}
		d, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		Dump(new(bytes.Buffer), d)
		if err := validate(d); err != nil {
			t.Fatalf("decoded object fails validation: %v", err)
		}
	})
}
