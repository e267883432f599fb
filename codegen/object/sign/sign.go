package sign

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
)

var marker = []byte("RCSIGED1")

const trailerLen = ed25519.SignatureSize + 8

// Errors returned by Verify and the key readers, wrapped with detail.
var (
	ErrUnsigned     = errors.New("object not signed")
	ErrBadSignature = errors.New("signature does not verify")
	ErrKey          = errors.New("bad key file")
)

// Sign returns data followed by its signature trailer.
func Sign(data []byte, key ed25519.PrivateKey) []byte {
	sig := ed25519.Sign(key, data)
	out := make([]byte, 0, len(data)+trailerLen)
	out = append(out, data...)
	out = append(out, sig...)
	return append(out, marker...)
}

// Split separates a signed file into the signed bytes and the signature;
// an unsigned file is returned whole with a nil signature.
func Split(file []byte) (data, sig []byte) {
	if len(file) < trailerLen || !bytes.Equal(file[len(file)-len(marker):], marker) {
		return file, nil
	}
	end := len(file) - trailerLen
	return file[:end], file[end : end+ed25519.SignatureSize]
}

// Verify checks file's signature with pub and returns the signed bytes.
func Verify(file []byte, pub ed25519.PublicKey) ([]byte, error) {
	data, sig := Split(file)
	if sig == nil {
		return nil, ErrUnsigned
	}
	if !ed25519.Verify(pub, data, sig) {
		return nil, fmt.Errorf("%w (key %x...)", ErrBadSignature, []byte(pub)[:4])
	}
	return data, nil
}
