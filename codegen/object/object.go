package object

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"os"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/codegen/object/sign"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// FormatVersion is the version of the layout this package reads and
// writes; bump it with every incompatible change.
const FormatVersion = 2

var magic = [8]byte{'R', 'U', 'L', 'E', 'C', 'O', 0, 0}

// Errors returned by Decode, wrapped with detail.
var (
	ErrNotObject = errors.New("not a rulec object")
	ErrVersion   = errors.New("object format version mismatch")
	ErrCorrupt   = errors.New("object corrupt")
	// ErrInvalid is an object whose checksum holds but whose fields do not
	// (edited and re-summed, or written by a different rulec build); it is
	// also an ErrCorrupt.
	ErrInvalid = fmt.Errorf("%w: fields fail validation", ErrCorrupt)
)

// Object is a compiled rule set.
type Object struct {
	BPF    []byte // the classifier ELF the tables were generated for
	Rules  []*ir.Rule
	Tiers  []lower.Decision // Tiers[i] is where Rules[i] runs
	Kernel *kernel.Tables
}

func init() {
	for _, m := range []ir.Matcher{&ir.Content{}, &ir.PCRE{}, &ir.IsDataAt{}, &ir.ByteTest{},
		&ir.ByteJump{}, &ir.ByteExtract{}, &ir.Size{}, &ir.TCPFlags{}, &ir.Field{},
		&ir.StreamSize{}, &ir.Base64Decode{}, &ir.FlowCounter{}, &ir.Event{}, &ir.Dataset{}, &ir.Datarep{}, &ir.VLANID{},
		&ir.Checksum{}, &ir.IPOpt{}, &ir.FragBits{}, &ir.Absent{}, &ir.DCEIface{}, &ir.DCEOpnum{}, &ir.AppProto{}, &ir.FileHash{}, &ir.Filestore{}, &ir.Entropy{}, &ir.VarMatch{}} {
		gob.Register(m)
	}
}

// Encode serialises o.
func Encode(o *Object) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(magic[:])
	binary.Write(&buf, binary.BigEndian, uint32(FormatVersion))
	if err := gob.NewEncoder(&buf).Encode(o); err != nil {
		return nil, fmt.Errorf("encode object: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return buf.Bytes(), nil
}

// Decode parses an encoded object, signed (the signature is not checked
// here) or not, checking magic, version, checksum and then every field.
func Decode(data []byte) (*Object, error) {
	data, _ = sign.Split(data)
	const head = len(magic) + 4
	if len(data) < len(magic) || !bytes.Equal(data[:len(magic)], magic[:]) {
		return nil, ErrNotObject
	}
	if len(data) < head+sha256.Size {
		return nil, fmt.Errorf("%w: truncated at %d bytes", ErrCorrupt, len(data))
	}
	if v := binary.BigEndian.Uint32(data[len(magic):head]); v != FormatVersion {
		return nil, fmt.Errorf("%w: object has format %d, this rulec reads %d; recompile the rules", ErrVersion, v, FormatVersion)
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return nil, fmt.Errorf("%w: checksum mismatch (truncated or modified)", ErrCorrupt)
	}
	o := &Object{}
	if err := gob.NewDecoder(bytes.NewReader(body[head:])).Decode(o); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if err := validate(o); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return o, nil
}

// WriteFile encodes o into path.
func WriteFile(path string, o *Object) error {
	data, err := Encode(o)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// WriteSignedFile encodes o into path, signed with key.
func WriteSignedFile(path string, o *Object, key ed25519.PrivateKey) error {
	data, err := Encode(o)
	if err != nil {
		return err
	}
	return os.WriteFile(path, sign.Sign(data, key), 0o644)
}

// ReadFile decodes the object in path, signed or not.
func ReadFile(path string) (*Object, error) { return ReadVerifiedFile(path, nil) }

// ReadVerifiedFile decodes the object in path. With a public key, the
// object must be signed by its private key; nothing is decoded before that
// holds.
func ReadVerifiedFile(path string, verify ed25519.PublicKey) (*Object, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	o, err := DecodeVerified(data, verify)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return o, nil
}

// DecodeVerified is ReadVerifiedFile on the bytes of an object file.
func DecodeVerified(file []byte, verify ed25519.PublicKey) (*Object, error) {
	if verify != nil {
		var err error
		if file, err = sign.Verify(file, verify); err != nil {
			return nil, err
		}
	}
	return Decode(file)
}

// checkSlotRules checks that every kernel slot names a kernel rule and
// every header shape lists userspace rules only.
func checkSlotRules(o *Object) error {
	t := o.Kernel
	if len(t.ShapeRules) > len(t.Slots) {
		return fmt.Errorf("%d header shapes for %d slots", len(t.ShapeRules), len(t.Slots))
	}
	for i, s := range t.Slots {
		if s.Userspace {
			continue
		}
		if int(s.Rule) >= len(o.Rules) || o.Tiers[s.Rule].Tier != lower.Kernel {
			return fmt.Errorf("slot %d: rule %d is not a kernel rule", i, s.Rule)
		}
		if i < len(t.ShapeRules) && len(t.ShapeRules[i]) > 0 {
			return fmt.Errorf("slot %d: a kernel slot lists header-shape rules", i)
		}
	}
	for i, rules := range t.ShapeRules {
		for _, r := range rules {
			if int(r) >= len(o.Rules) || o.Tiers[r].Tier != lower.Userspace {
				return fmt.Errorf("header shape %d: rule %d is not a userspace rule", i, r)
			}
		}
	}
	return nil
}
