// Package capture reads pcap and pcapng files (gopacket/pcapgo) and hands
// out Ethernet frames: captures with other link types (BSD loopback, raw
// IP, Linux cooked) get an Ethernet header made up for them, since the
// classifier parses from Ethernet as it does on a TC hook.
package capture
