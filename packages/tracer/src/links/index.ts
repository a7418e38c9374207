export { attributeMap, dynamoHash, normalizeDynamoNumber } from './dynamo-hash.ts';
export { ddbKey, eventsKey, kinesisKey, lambdaKey, s3Key, sfnKey, snsKey, sqsKey } from './keys.ts';
export { producerLinkKeys, type ProducerCall, type ProducerService } from './producer-link-keys.ts';
export { addStepFunctionsLink, readStepFunctionsLink, STEP_FUNCTIONS_LINK_FIELD, type StepFunctionsLink } from './step-functions.ts';
