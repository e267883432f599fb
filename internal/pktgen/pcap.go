package pktgen

import (
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// WritePcap writes Ethernet frames to a new classic pcap file at path,
// one second apart from 2026-12-06 12:00:01 UTC.
func WritePcap(path string, frames [][]byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		f.Close()
		return err
	}
	ts := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	for _, b := range frames {
		ts = ts.Add(time.Second)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
