package dev.openpanel.camel.component.ensure;

import java.time.Instant;

import dev.openpanel.camel.component.OpenPanelOperation;

/**
 * A write that was about to be sent, recorded before sending it: if its outcome is never recorded (a crash, a lost
 * answer), the next attempt looks the resource up before anything is sent again.
 *
 * @param operation create, update or delete
 * @param at        when it was sent; a resource it created was created at or after this moment
 */
public record Intent(OpenPanelOperation operation, Instant at) {
}
