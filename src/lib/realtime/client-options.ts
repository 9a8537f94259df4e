// Socket.IO client options shared by every live page (walls, TV, portfolio).
import type { ManagerOptions, SocketOptions } from "socket.io-client";
import { SOCKET_PATH } from "./protocol";

export const LIVE_SOCKET_OPTIONS = {
  path: SOCKET_PATH,
  // Websocket only: one connection to one instance for the socket's life, so a load balancer in
  // front of several instances needs no sticky sessions (docs/decisions/010-two-instances-behind-a-proxy.md).
  transports: ["websocket"],
  // Socket.IO's default connect timeout is 20 s: an attempt begun while the network is cut would
  // hold the next one back that long after it returns. A wall on a LAN that has not connected in
  // 5 s is better off trying again.
  timeout: 5_000,
} satisfies Partial<ManagerOptions & SocketOptions>;
