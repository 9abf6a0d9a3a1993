import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, parseEncryptionKeys } from './encryption-codec';

// The failure converter (encodeCommonAttributes: failure messages and stacks are encrypted too) is loaded by path;
// workflowBundleOptions puts the same module into the workflow bundle.
const runtimeFailureConverterPath = require.resolve('./failure-converter');

/** Data converter for clients and workers: AES-256-GCM payloads, encoded failure messages. */
export function platformDataConverter(encryptionKeys: string): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(parseEncryptionKeys(encryptionKeys))], failureConverterPath: runtimeFailureConverterPath };
}
