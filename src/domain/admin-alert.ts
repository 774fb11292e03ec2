// Alerts for the office admins. Most are about Zalo itself (the session dropped, the account is
// restricted), so by default they skip the admins' Zalo chats, which would not get them either. An
// alert about something else Zalo-related that leaves private chats working — a unit's group that
// refuses messages — says so and reaches an admin linked only on Zalo too.
export interface AdminAlertRoute {
  /** The admins' private Zalo chats still work for this alert (false: Zalo itself is in trouble). */
  viaZalo: boolean;
}

export type AlertAdmins = (text: string, route?: AdminAlertRoute) => Promise<void>;
