package sign

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func keyPair(t *testing.T) (priv, pub string) {
	t.Helper()
	dir := t.TempDir()
	privPEM, pubPEM, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	priv, pub = filepath.Join(dir, "k.pem"), filepath.Join(dir, "k.pub")
	if err := os.WriteFile(priv, privPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pub, pubPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	return priv, pub
}

func TestSignVerify(t *testing.T) {
	privPath, pubPath := keyPair(t)
	priv, err := ReadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ReadPublicKey(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("RULECO object bytes")
	signed := Sign(data, priv)
	got, err := Verify(signed, pub)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Verify = %q, %v", got, err)
	}
	if d, sig := Split(signed); !bytes.Equal(d, data) || sig == nil {
		t.Errorf("Split of a signed file: %q %x", d, sig)
	}
	if d, sig := Split(data); !bytes.Equal(d, data) || sig != nil {
		t.Errorf("Split of an unsigned file: %q %x", d, sig)
	}
	if _, err := Verify(data, pub); !errors.Is(err, ErrUnsigned) {
		t.Errorf("unsigned: %v", err)
	}
	edited := bytes.Clone(signed)
	edited[3] ^= 1
	if _, err := Verify(edited, pub); !errors.Is(err, ErrBadSignature) {
		t.Errorf("edited: %v", err)
	}
	_, otherPub := keyPair(t)
	other, _ := ReadPublicKey(otherPub)
	if _, err := Verify(signed, other); !errors.Is(err, ErrBadSignature) {
		t.Errorf("other key: %v", err)
	}
	if _, err := ReadPublicKey(privPath); !errors.Is(err, ErrKey) {
		t.Errorf("private key as public: %v", err)
	}
}

// TestOpenSSLKeys reads keys made by openssl, when it is installed.
func TestOpenSSLKeys(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "k.pem"), filepath.Join(dir, "k.pub")
	for _, args := range [][]string{{"genpkey", "-algorithm", "ed25519", "-out", priv}, {"pkey", "-in", priv, "-pubout", "-out", pub}} {
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	k, err := ReadPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(Sign([]byte("x"), k), p); err != nil {
		t.Error(err)
	}
}
